import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The media of a saved reply draft: the `MediaUrl`s of its first part, and the files published for them. */
export interface DraftMedia {
  urls: string[];
  tokens: string[];
}

/**
 * Where the media of reply drafts are kept until the store's drafts can carry them (the draft row holds the
 * parts only; see the channel-runtime README, "Media"). A record is keyed by the account, the turn key AND the
 * draft's parts, so it can only ever be read with the draft it was written for: if two runs of one turn race,
 * the draft that stands (first write wins, in the store) finds its own media, never the other run's.
 */
export interface DraftMediaRecords {
  save(accountId: string, turnKey: string, parts: readonly string[], media: DraftMedia): Promise<void>;
  load(accountId: string, turnKey: string, parts: readonly string[]): Promise<DraftMedia | undefined>;
}

/** Records as small JSON files under `directory` (`<media dir>/drafts`), written atomically. */
export function createDraftMediaRecords(directory: string): DraftMediaRecords {
  const file = (accountId: string, turnKey: string, parts: readonly string[]) =>
    join(
      directory,
      `${createHash('sha256')
        .update(JSON.stringify([accountId, turnKey, parts]))
        .digest('hex')}.json`,
    );
  return {
    async save(accountId, turnKey, parts, media) {
      await mkdir(directory, { recursive: true, mode: 0o700 });
      const target = file(accountId, turnKey, parts);
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temporary, JSON.stringify(media), { mode: 0o600 });
      await rename(temporary, target);
    },
    async load(accountId, turnKey, parts) {
      try {
        const parsed = JSON.parse(await readFile(file(accountId, turnKey, parts), 'utf8')) as DraftMedia;
        return { urls: [...parsed.urls], tokens: [...parsed.tokens] };
      } catch {
        return undefined;
      }
    },
  };
}
