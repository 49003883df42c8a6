import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLegacyDraftMedia } from './legacy-draft-media.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runtime-legacy-drafts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Where the earlier releases wrote a draft's media: the sha256 of `[accountId, turnKey, parts]` as JSON. */
async function writeRecord(accountId: string, turnKey: string, parts: string[], content: string) {
  const name = createHash('sha256')
    .update(JSON.stringify([accountId, turnKey, parts]))
    .digest('hex');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${name}.json`), content);
}

describe('createLegacyDraftMedia', () => {
  it('reads the media an earlier release kept beside a draft', async () => {
    const media = { urls: ['https://h.example/sms-media/t1'], tokens: ['t1'] };
    await writeRecord('default', 'SMin1', ['a cat'], JSON.stringify(media));
    expect(await createLegacyDraftMedia(dir).load('default', 'SMin1', ['a cat'])).toEqual(media);
  });

  it('finds nothing for a draft of other parts than the record was written for', async () => {
    await writeRecord(
      'default',
      'SMin1',
      ['a cat'],
      JSON.stringify({ urls: ['https://h.example/x'], tokens: [] }),
    );
    expect(await createLegacyDraftMedia(dir).load('default', 'SMin1', ['a dog'])).toBeUndefined();
  });

  it('finds nothing when the folder does not exist', async () => {
    expect(
      await createLegacyDraftMedia(join(dir, 'missing')).load('default', 'SMin1', ['x']),
    ).toBeUndefined();
  });

  it('finds nothing in a damaged or foreign record', async () => {
    await writeRecord('default', 'SMin1', ['torn'], '{"urls": ["https://h.exa');
    await writeRecord(
      'default',
      'SMin2',
      ['odd'],
      JSON.stringify({ urls: 'https://h.example/x', tokens: [] }),
    );
    const legacy = createLegacyDraftMedia(dir);
    expect(await legacy.load('default', 'SMin1', ['torn'])).toBeUndefined();
    expect(await legacy.load('default', 'SMin2', ['odd'])).toBeUndefined();
  });
});
