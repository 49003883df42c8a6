import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { MediaFileError } from '../errors.js';
import { detectFileType } from './detect-file-type.js';

/** The path under which served files are reachable: `<base URL>/sms-media/<token>`. */
export const MEDIA_ROUTE_PREFIX = '/sms-media/';

/** One local file made reachable for Twilio. */
export interface PublishedMedia {
  /** `<baseUrl>/sms-media/<token>`: what goes into `MediaUrl`. */
  url: string;
  token: string;
  contentType: string;
  size: number;
  /** ms since the epoch; the file is deleted after it (or once the message that carried it was delivered). */
  expiresAt: number;
  /** The file's own name, for errors and notices. */
  name: string;
}

interface MediaRecord {
  contentType: string;
  size: number;
  expiresAt: number;
  name: string;
  /** Set once the message carrying it was accepted: the sweep deletes it when that message's delivery is final. */
  sent?: { accountId: string; messageSid: string };
}

export interface MediaHostOptions {
  /** Where served copies live (`<media dir>/outbound`); shared by every process of one state dir. */
  directory: string;
  /** How long a served file stays reachable. @default 3_600_000 */
  ttlMs?: number;
  /** @default Date.now */
  now?: () => number;
}

/**
 * Serves local files to Twilio, which fetches `MediaUrl`s itself: a file is copied under an unguessable token
 * (32 random bytes) and answered on `GET`/`HEAD <base>/sms-media/<token>` until its TTL passes or the message
 * that carried it was delivered. Records are files, so a `message send` in another process publishes what the
 * running gateway serves.
 */
export interface MediaHost {
  /** Copies `file` in and returns its URL under `baseUrl` (an origin the host serves, from `mediaBaseUrl`). */
  publish(
    file: string,
    options: { baseUrl: string; contentType?: string | undefined },
  ): Promise<PublishedMedia>;
  /** Notes which message carried these files (their records are deleted once its delivery is final). */
  markSent(tokens: readonly string[], sent: { accountId: string; messageSid: string }): Promise<void>;
  /** Answers a request under `/sms-media/`; `false` (nothing written) for any other path. */
  serve(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Deletes expired files, and those whose message `isDelivered` says reached a final status. */
  sweep(isDelivered?: (accountId: string, messageSid: string) => Promise<boolean>): Promise<number>;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function createMediaHost(options: MediaHostOptions): MediaHost {
  const ttlMs = options.ttlMs ?? 3_600_000;
  const now = options.now ?? Date.now;
  const dir = options.directory;
  const recordPath = (token: string) => join(dir, `${token}.json`);
  const bytesPath = (token: string) => join(dir, token);

  const readRecord = async (token: string): Promise<MediaRecord | undefined> => {
    try {
      return JSON.parse(await readFile(recordPath(token), 'utf8')) as MediaRecord;
    } catch {
      return undefined;
    }
  };
  /**
   * Replaces a record whole: written beside it, then renamed over it. `writeFile` in place truncates first, and the
   * gateway serving the file in another process read an empty record there and answered 404: Twilio fetches a
   * media as soon as the message is created, the moment `markSent` rewrites its record (the real host's
   * `message send --media` failed with 11200 once in three runs).
   */
  const writeRecord = async (token: string, record: MediaRecord) => {
    const temporary = `${recordPath(token)}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, JSON.stringify(record), { mode: 0o600 });
    await rename(temporary, recordPath(token));
  };
  const remove = async (token: string) => {
    await rm(bytesPath(token), { force: true });
    await rm(recordPath(token), { force: true });
  };

  return {
    async publish(file, { baseUrl, contentType }) {
      const info = await stat(file).catch((error: unknown) => {
        throw new MediaFileError(file, 'cannot be read', error);
      });
      if (!info.isFile()) throw new MediaFileError(file, 'is not a regular file');
      const type = contentType ?? (await detectFileType(file));
      if (type === undefined)
        throw new MediaFileError(file, 'is of a type that cannot be told: give its content type');
      const token = randomBytes(32).toString('base64url');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await copyFile(file, bytesPath(token));
      const record: MediaRecord = {
        contentType: type,
        size: info.size,
        expiresAt: now() + ttlMs,
        name: basename(file),
      };
      await writeRecord(token, record);
      const url = `${baseUrl.replace(/\/+$/, '')}${MEDIA_ROUTE_PREFIX}${token}`;
      return {
        url,
        token,
        contentType: type,
        size: info.size,
        expiresAt: record.expiresAt,
        name: record.name,
      };
    },

    async markSent(tokens, sent) {
      for (const token of tokens) {
        const record = await readRecord(token);
        if (record !== undefined) await writeRecord(token, { ...record, sent });
      }
    },

    async serve(req, res) {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (!path.startsWith(MEDIA_ROUTE_PREFIX)) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('method not allowed\n');
        return true;
      }
      const token = path.slice(MEDIA_ROUTE_PREFIX.length);
      const record = TOKEN.test(token) ? await readRecord(token) : undefined;
      if (record === undefined || record.expiresAt <= now()) {
        res.writeHead(404, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' }).end('not found\n');
        return true;
      }
      res.writeHead(200, {
        'Content-Type': record.contentType,
        'Content-Length': String(record.size),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') res.end();
      else await pipeline(createReadStream(bytesPath(token)), res).catch(() => res.destroy());
      return true;
    },

    async sweep(isDelivered) {
      const names = await readdir(dir).catch(() => [] as string[]);
      let removed = 0;
      for (const name of names.filter((entry) => entry.endsWith('.json'))) {
        const token = name.slice(0, -'.json'.length);
        const record = await readRecord(token);
        const expired = record === undefined || record.expiresAt <= now();
        const delivered =
          !expired && record?.sent !== undefined && isDelivered !== undefined
            ? await isDelivered(record.sent.accountId, record.sent.messageSid).catch(() => false)
            : false;
        if (expired || delivered) {
          await remove(token);
          removed += 1;
        }
      }
      return removed;
    },
  };
}
