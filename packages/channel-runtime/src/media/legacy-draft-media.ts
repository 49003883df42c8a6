/**
 * The media of reply drafts saved by releases before draft media moved into the store's draft row (store schema
 * 6 on SQLite, 2 on PostgreSQL): those releases kept them beside the draft, in `<media dir>/drafts/<sha256 of
 * [accountId, turnKey, parts]>.json`. A draft such a release saved but had not finished sending when the host
 * was upgraded still goes with its media: when a resumed turn's draft carries no media, this reads that file.
 * Read-only, and on the resume path only; nothing writes these files any more.
 *
 * It can go once no deployment can hold such a draft: the store prunes drafts, and the media sweep deletes these
 * files, after `retentionMs` (7 days by default), so from the release after the one that has run longer than
 * that everywhere (0.3) it has nothing left to read.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReplyDraftMedia } from '@sms-channel/store';

/** Reads the media an earlier release kept beside a draft. */
export interface LegacyDraftMedia {
  /** The media kept for the draft of `parts`, or `undefined` when there is no (readable) record. */
  load(accountId: string, turnKey: string, parts: readonly string[]): Promise<ReplyDraftMedia | undefined>;
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function parseRecord(text: string): ReplyDraftMedia | undefined {
  const { urls, tokens } = (JSON.parse(text) ?? {}) as { urls?: unknown; tokens?: unknown };
  return isStrings(urls) && isStrings(tokens) ? { urls: [...urls], tokens: [...tokens] } : undefined;
}

/** The records of `directory` (`<media dir>/drafts`), named as the earlier releases named them. */
export function createLegacyDraftMedia(directory: string): LegacyDraftMedia {
  return {
    async load(accountId, turnKey, parts) {
      // Keyed by the parts too: a record can only be read with the very draft it was written for.
      const name = createHash('sha256')
        .update(JSON.stringify([accountId, turnKey, parts]))
        .digest('hex');
      try {
        return parseRecord(await readFile(join(directory, `${name}.json`), 'utf8'));
      } catch {
        // No record (the draft had no media) or a damaged one: the draft goes without media, as it did before.
        return undefined;
      }
    },
  };
}
