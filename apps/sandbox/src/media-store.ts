import { randomBytes } from 'node:crypto';
import type { SandboxMessageMedia } from './sandbox-message.js';
import { createSid } from './sid.js';

/** One piece of media with its bytes: what Twilio keeps behind a Media subresource. */
export interface SandboxMedia extends SandboxMessageMedia {
  accountSid: string;
  /** The message it belongs to (`SM`/`MM` SID). */
  parentSid: string;
  data: Uint8Array;
  dateCreated: Date;
  dateUpdated: Date;
}

/** What storing a piece of media needs. */
export interface MediaInput {
  contentType: string;
  data: Uint8Array;
  filename?: string | null;
}

/** Why a CDN path served nothing. */
export type CdnLookup =
  | { found: true; media: SandboxMedia }
  | { found: false; reason: 'unknown' | 'expired' | 'deleted' };

/**
 * The account's media and the CDN paths that serve it. Twilio's media URLs redirect to a storage host: without
 * enforced auth to a long, unguessable public URL that does not change; with enforced auth to a fresh URL that
 * works for a few hours. Both kinds of path are random, never derived from a SID.
 */
export interface MediaStore {
  add(accountSid: string, parentSid: string, input: MediaInput, now: Date): SandboxMedia;
  get(sid: string): SandboxMedia | undefined;
  /** A message's media, in the order they were attached. */
  listFor(parentSid: string): SandboxMedia[];
  /** Forgets the media (its CDN paths then answer "deleted"); false when unknown. */
  delete(sid: string): boolean;
  /** The permanent CDN path of a piece of media (served without enforced auth). */
  publicPath(sid: string): string | undefined;
  /** A new CDN path to the media that works for `ttlMs` from `now` (served under enforced auth). */
  issuePath(sid: string, now: Date, ttlMs: number): string | undefined;
  /** What a CDN path serves at `now`. */
  resolve(path: string, now: Date): CdnLookup;
  clear(): void;
}

interface CdnPath {
  mediaSid: string;
  expiresAt: Date | null;
}

/** Creates an empty store. */
export function createMediaStore(): MediaStore {
  const media = new Map<string, SandboxMedia>();
  const paths = new Map<string, CdnPath>();
  const publicPaths = new Map<string, string>();
  const newPath = (accountSid: string) => `/${accountSid}/${randomBytes(32).toString('hex')}`;
  const forgetExpired = (now: Date) => {
    for (const [path, entry] of paths) if (entry.expiresAt && entry.expiresAt <= now) paths.delete(path);
  };
  return {
    add(accountSid, parentSid, input, now) {
      const stored: SandboxMedia = {
        sid: createSid('ME'),
        accountSid,
        parentSid,
        contentType: input.contentType,
        size: input.data.byteLength,
        filename: input.filename ?? null,
        data: input.data,
        dateCreated: now,
        dateUpdated: now,
      };
      media.set(stored.sid, stored);
      const path = newPath(accountSid);
      paths.set(path, { mediaSid: stored.sid, expiresAt: null });
      publicPaths.set(stored.sid, path);
      return stored;
    },
    get: (sid) => media.get(sid),
    listFor: (parentSid) => [...media.values()].filter((entry) => entry.parentSid === parentSid),
    delete(sid) {
      if (!media.delete(sid)) return false;
      publicPaths.delete(sid);
      return true;
    },
    publicPath: (sid) => publicPaths.get(sid),
    issuePath(sid, now, ttlMs) {
      const found = media.get(sid);
      if (!found) return undefined;
      // An expired path is kept a day to answer "expired" rather than "unknown", then dropped as new ones come.
      forgetExpired(new Date(now.getTime() - 86_400_000));
      const path = newPath(found.accountSid);
      paths.set(path, { mediaSid: sid, expiresAt: new Date(now.getTime() + ttlMs) });
      return path;
    },
    resolve(path, now) {
      const entry = paths.get(path);
      if (!entry) return { found: false, reason: 'unknown' };
      const found = media.get(entry.mediaSid);
      if (!found) return { found: false, reason: 'deleted' };
      if (entry.expiresAt && entry.expiresAt <= now) return { found: false, reason: 'expired' };
      return { found: true, media: found };
    },
    clear() {
      media.clear();
      paths.clear();
      publicPaths.clear();
    },
  };
}

/** The public view of a stored piece of media (no bytes). */
export function mediaRef(stored: SandboxMedia): SandboxMessageMedia {
  return {
    sid: stored.sid,
    contentType: stored.contentType,
    size: stored.size,
    filename: stored.filename,
  };
}
