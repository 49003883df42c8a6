import { describe, expect, it } from 'vitest';
import { type ContractState, contractSettings } from './contract-fixture.js';

const ACCT = 'acct';
const TO = '+15555550101';
const FROM = '+15555550100';

function intent(partIndex: number, bodyHash = `hash-${partIndex}`) {
  return { partIndex, to: TO, from: FROM, bodyHash };
}

/** Send intents: recorded before a part is sent, listed with the part's SID once it is logged. */
export function sendIntentsContract(t: ContractState): void {
  describe('send intents', () => {
    it('records an intent and lists it without a SID until the part is logged', async () => {
      expect(await t.store.recordSendIntent(ACCT, 'SMin1', intent(0))).toEqual({
        recorded: true,
        intent: {
          accountId: ACCT,
          turnKey: 'SMin1',
          partIndex: 0,
          to: TO,
          from: FROM,
          bodyHash: 'hash-0',
          intendedAt: t.now,
          messageSid: null,
        },
      });
      expect((await t.store.listSendIntents(ACCT, 'SMin1')).map((i) => i.messageSid)).toEqual([null]);
    });

    it('lists the SID of a part once it is logged, next to its intent', async () => {
      await t.store.recordSendIntent(ACCT, 'SMin1', intent(0));
      await t.store.recordSendIntent(ACCT, 'SMin1', intent(1));
      await t.store.recordOutboundPart(ACCT, 'SMin1', { partIndex: 0, messageSid: 'SMout1', to: TO });
      expect((await t.store.listSendIntents(ACCT, 'SMin1')).map((i) => [i.partIndex, i.messageSid])).toEqual([
        [0, 'SMout1'],
        [1, null],
      ]);
    });

    it('keeps the first intent of a part, with its time, when the part is tried again', async () => {
      await t.store.recordSendIntent(ACCT, 'SMin1', intent(0));
      const first = t.now;
      t.advance(30_000);
      expect(await t.store.recordSendIntent(ACCT, 'SMin1', intent(0, 'other'))).toMatchObject({
        recorded: false,
        intent: { intendedAt: first, bodyHash: 'hash-0' },
      });
    });

    it('records exactly one of 10 concurrent intents of one part', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => t.store.recordSendIntent(ACCT, 'SMin1', intent(0, `h${i}`))),
      );
      expect(results.filter((result) => result.recorded)).toHaveLength(1);
      expect(new Set(results.map((result) => result.intent.bodyHash)).size).toBe(1);
    });

    it('lists a turn by part index, apart from other turns and accounts', async () => {
      await t.store.recordSendIntent(ACCT, 'SMin1', intent(2));
      await t.store.recordSendIntent(ACCT, 'SMin1', intent(0));
      await t.store.recordSendIntent(ACCT, 'SMin2', intent(1));
      await t.store.recordSendIntent('other', 'SMin1', intent(1));
      expect((await t.store.listSendIntents(ACCT, 'SMin1')).map((i) => i.partIndex)).toEqual([0, 2]);
      expect(await t.store.listSendIntents(ACCT, 'SMin9')).toEqual([]);
    });

    it('refuses an intent without a sender identity, with StoreArgumentError naming it', async () => {
      await expect(
        t.store.recordSendIntent(ACCT, 'SMin1', { partIndex: 0, to: TO, from: '', bodyHash: 'h' }),
      ).rejects.toMatchObject({ name: 'StoreArgumentError', argument: 'from' });
      await expect(
        t.store.recordSendIntent(ACCT, 'SMin1', { partIndex: -1, to: TO, from: FROM, bodyHash: 'h' }),
      ).rejects.toMatchObject({ name: 'StoreArgumentError', argument: 'partIndex' });
    });

    it('deletes intents older than the retention with prune', async () => {
      await t.store.recordSendIntent(ACCT, 'SMold', intent(0));
      t.advance(contractSettings.retentionMs + 1);
      await t.store.recordSendIntent(ACCT, 'SMnew', intent(0));
      expect(await t.store.prune()).toMatchObject({ sendIntents: 1 });
      expect(await t.store.listSendIntents(ACCT, 'SMold')).toEqual([]);
      expect(await t.store.listSendIntents(ACCT, 'SMnew')).toHaveLength(1);
    });

    it('keeps intents across a reopen (stores whose fixture offers one)', async (context) => {
      const reopen = t.reopen;
      if (reopen === undefined) {
        context.skip('this store fixture cannot reopen its store');
        return;
      }
      await t.store.recordSendIntent(ACCT, 'SMin1', intent(0));
      const store = await reopen();
      expect(await store.listSendIntents(ACCT, 'SMin1')).toMatchObject([{ partIndex: 0, messageSid: null }]);
    });
  });
}
