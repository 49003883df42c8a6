import { describe, expect, it } from 'vitest';
import { type ContractState, contractSettings } from './contract-fixture.js';

const ACCT = 'acct';
const A = '+15555550101';

/**
 * Reply drafts: saved once per turn (first write wins, media included), read back, history recorded with the
 * first save.
 */
export function replyDraftsContract(t: ContractState): void {
  describe('reply drafts', () => {
    it('saves a draft and reads it back with its parts in order', async () => {
      const parts = ['Part one (1/2)', 'Part two, ünïcödé 👋 (2/2)'];
      expect(await t.store.saveReplyDraft(ACCT, 'SMin1', { to: A, parts })).toEqual({
        saved: true,
        draft: { accountId: ACCT, turnKey: 'SMin1', to: A, parts, createdAt: t.now },
      });
      expect(await t.store.getReplyDraft(ACCT, 'SMin1')).toEqual({
        accountId: ACCT,
        turnKey: 'SMin1',
        to: A,
        parts,
        createdAt: t.now,
      });
    });

    it('keeps the first draft of a turn and returns it to a later save', async () => {
      await t.store.saveReplyDraft(ACCT, 'SMin1', { to: A, parts: ['first reply'] });
      t.advance(10);
      const again = await t.store.saveReplyDraft(ACCT, 'SMin1', { to: A, parts: ['second reply', 'x'] });
      expect(again).toMatchObject({ saved: false, draft: { parts: ['first reply'], createdAt: t.now - 10 } });
      expect((await t.store.getReplyDraft(ACCT, 'SMin1'))?.parts).toEqual(['first reply']);
    });

    it('saves exactly one of 10 concurrent saves of one turn, and every save returns that one', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          t.store.saveReplyDraft(ACCT, 'SMin1', { to: A, parts: [`r${i}`] }),
        ),
      );
      expect(results.filter((result) => result.saved)).toHaveLength(1);
      const standing = results.find((result) => result.saved)?.draft.parts;
      expect(results.every((result) => result.draft.parts[0] === standing?.[0])).toBe(true);
    });

    it('stores an empty reply (the assistant had nothing to say) as a draft of no parts', async () => {
      await t.store.saveReplyDraft(ACCT, 'SMin1', { to: A, parts: [] });
      expect((await t.store.getReplyDraft(ACCT, 'SMin1'))?.parts).toEqual([]);
    });

    it('keeps turns apart per account and turn key', async () => {
      await t.store.saveReplyDraft('one', 'SMin1', { to: A, parts: ['a'] });
      expect(await t.store.getReplyDraft('two', 'SMin1')).toBeUndefined();
      expect(await t.store.getReplyDraft('one', 'SMin2')).toBeUndefined();
    });

    it('appends the conversation turns that come with the draft once, with the first save only', async () => {
      const conversation = [
        { role: 'user' as const, content: 'hi' },
        { role: 'assistant' as const, content: 'hello' },
      ];
      await t.store.saveReplyDraft(ACCT, 'SMin1', { to: A, parts: ['hello'], conversation });
      await t.store.saveReplyDraft(ACCT, 'SMin1', {
        to: A,
        parts: ['other'],
        conversation: [{ role: 'assistant', content: 'other' }],
      });
      expect((await t.store.listConversationTurns(ACCT, A)).map((turn) => [turn.role, turn.content])).toEqual(
        [
          ['user', 'hi'],
          ['assistant', 'hello'],
        ],
      );
    });

    it('refuses parts that are not strings, with StoreArgumentError, and stores nothing', async () => {
      const parts = ['ok', 7] as unknown as string[];
      await expect(t.store.saveReplyDraft(ACCT, 'SMin1', { to: A, parts })).rejects.toMatchObject({
        name: 'StoreArgumentError',
      });
      expect(await t.store.getReplyDraft(ACCT, 'SMin1')).toBeUndefined();
    });

    it('refuses a conversation turn of an unknown role, with StoreArgumentError, and stores nothing', async () => {
      const conversation = [
        { role: 'user' as const, content: 'hi' },
        { role: 'system' as 'user', content: 'be brief' },
      ];
      await expect(
        t.store.saveReplyDraft(ACCT, 'SMin1', { to: A, parts: ['hello'], conversation }),
      ).rejects.toMatchObject({ name: 'StoreArgumentError', argument: 'conversation' });
      expect(await t.store.getReplyDraft(ACCT, 'SMin1')).toBeUndefined();
      expect(await t.store.listConversationTurns(ACCT, A)).toEqual([]);
    });

    it('saves the media with the draft and reads them back with it', async () => {
      const media = { urls: ['https://h.example/sms-media/t1', 'https://cdn.example/a.png'], tokens: ['t1'] };
      const result = await t.store.saveReplyDraft(ACCT, 'SMin1', { to: A, parts: ['look'], media });
      expect(result).toEqual({
        saved: true,
        draft: { accountId: ACCT, turnKey: 'SMin1', to: A, parts: ['look'], media, createdAt: t.now },
      });
      expect((await t.store.getReplyDraft(ACCT, 'SMin1'))?.media).toEqual(media);
    });

    it('reads a draft saved without media back with no media property at all', async () => {
      const { draft } = await t.store.saveReplyDraft(ACCT, 'SMin1', { to: A, parts: ['plain'] });
      expect(draft).not.toHaveProperty('media');
      expect(await t.store.getReplyDraft(ACCT, 'SMin1')).not.toHaveProperty('media');
    });

    it('treats media of no URLs and no tokens as no media', async () => {
      await t.store.saveReplyDraft(ACCT, 'SMin1', {
        to: A,
        parts: ['plain'],
        media: { urls: [], tokens: [] },
      });
      expect(await t.store.getReplyDraft(ACCT, 'SMin1')).not.toHaveProperty('media');
    });

    it('keeps the media of the first draft when a later save brings other media', async () => {
      const first = { urls: ['https://h.example/sms-media/first'], tokens: ['first'] };
      await t.store.saveReplyDraft(ACCT, 'SMin1', { to: A, parts: ['one'], media: first });
      const again = await t.store.saveReplyDraft(ACCT, 'SMin1', {
        to: A,
        parts: ['two'],
        media: { urls: ['https://h.example/sms-media/second'], tokens: ['second'] },
      });
      expect(again).toMatchObject({ saved: false, draft: { parts: ['one'], media: first } });
      expect((await t.store.getReplyDraft(ACCT, 'SMin1'))?.media).toEqual(first);
    });

    it('keeps a first draft without media when a later save brings media', async () => {
      await t.store.saveReplyDraft(ACCT, 'SMin1', { to: A, parts: ['one'] });
      const again = await t.store.saveReplyDraft(ACCT, 'SMin1', {
        to: A,
        parts: ['one'],
        media: { urls: ['https://h.example/sms-media/late'], tokens: ['late'] },
      });
      expect(again.saved).toBe(false);
      expect(again.draft).not.toHaveProperty('media');
    });

    it.each([
      { shape: 'a string', media: 'https://h.example/a.png', argument: 'media' },
      { shape: 'null', media: null, argument: 'media' },
      { shape: 'an array', media: ['https://h.example/a.png'], argument: 'media' },
      { shape: 'without urls', media: { tokens: [] }, argument: 'media.urls' },
      {
        shape: 'with a url not a string',
        media: { urls: ['https://h.example/a.png', 7], tokens: [] },
        argument: 'media.urls',
      },
      {
        shape: 'with tokens not an array',
        media: { urls: ['https://h.example/a.png'], tokens: 't1' },
        argument: 'media.tokens',
      },
    ])(
      'refuses media $shape with StoreArgumentError naming $argument, and stores nothing',
      async ({ media, argument }) => {
        const input = { to: A, parts: ['hello'], media: media as never };
        await expect(t.store.saveReplyDraft(ACCT, 'SMin1', input)).rejects.toMatchObject({
          name: 'StoreArgumentError',
          argument,
        });
        expect(await t.store.getReplyDraft(ACCT, 'SMin1')).toBeUndefined();
      },
    );

    it('refuses an empty recipient with StoreArgumentError', async () => {
      await expect(t.store.saveReplyDraft(ACCT, 'SMin1', { to: '', parts: ['hello'] })).rejects.toMatchObject(
        {
          name: 'StoreArgumentError',
          argument: 'to',
        },
      );
    });

    it('deletes drafts older than the retention with prune, and keeps younger ones', async () => {
      await t.store.saveReplyDraft(ACCT, 'SMold', { to: A, parts: ['old'] });
      t.advance(1);
      await t.store.saveReplyDraft(ACCT, 'SMnew', { to: A, parts: ['new'] });
      t.advance(contractSettings.retentionMs);
      expect(await t.store.prune()).toMatchObject({ replyDrafts: 1 });
      expect(await t.store.getReplyDraft(ACCT, 'SMold')).toBeUndefined();
      expect(await t.store.getReplyDraft(ACCT, 'SMnew')).toBeDefined();
    });

    it('keeps drafts across a reopen (stores whose fixture offers one)', async (context) => {
      const reopen = t.reopen;
      if (reopen === undefined) {
        context.skip('this store fixture cannot reopen its store');
        return;
      }
      const media = { urls: ['https://h.example/sms-media/kept'], tokens: ['kept'] };
      await t.store.saveReplyDraft(ACCT, 'SMin1', { to: A, parts: ['kept (1/2)', 'kept too (2/2)'], media });
      const store = await reopen();
      expect(await store.getReplyDraft(ACCT, 'SMin1')).toMatchObject({
        parts: ['kept (1/2)', 'kept too (2/2)'],
        media,
      });
    });
  });
}
