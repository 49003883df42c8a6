import { expect } from 'vitest';
import type { ReplyDrafts } from '../reply-drafts.js';

/**
 * After a migration: the draft `SMin1` written by the old schema (parts `["old reply"]`, created at 5) reads back
 * without media, and a new draft keeps its media. Both drivers' migration tests call it.
 */
export async function expectDraftsMigrated(store: ReplyDrafts): Promise<void> {
  const old = await store.getReplyDraft('acct', 'SMin1');
  expect(old).toEqual({
    accountId: 'acct',
    turnKey: 'SMin1',
    to: '+15555550101',
    parts: ['old reply'],
    createdAt: 5,
  });
  expect(old).not.toHaveProperty('media');
  const media = { urls: ['https://h.example/sms-media/t1'], tokens: ['t1'] };
  await store.saveReplyDraft('acct', 'SMin2', { to: '+15555550101', parts: ['new reply'], media });
  expect((await store.getReplyDraft('acct', 'SMin2'))?.media).toEqual(media);
}
