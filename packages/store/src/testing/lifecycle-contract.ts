import { describe, expect, it } from 'vitest';
import type { ContractState } from './contract-fixture.js';

const ACCT = 'acct';
const A = '+15555550101';

/** Durability across a reopen (stores whose fixture offers one) and behaviour after `close`. */
export function lifecycleContract(t: ContractState): void {
  describe('durability (stores whose fixture offers reopen)', () => {
    it('keeps the queue, the outbound log, history and opt-outs across a reopen', async (context) => {
      const reopen = t.reopen;
      if (reopen === undefined) {
        context.skip('this store fixture cannot reopen its store');
        return;
      }
      await t.store.admitInbound(ACCT, 'SM1', { From: A, Body: 'kept' });
      await t.store.admitInbound(ACCT, 'SM2', { From: A, Body: 'claimed' });
      await t.store.recordOutboundPart(ACCT, 'SM0', { partIndex: 0, messageSid: 'SMout', to: A });
      await t.store.appendConversationTurn(ACCT, A, { role: 'user', content: 'hi' });
      await t.store.recordOptOut(ACCT, '+15555550199');
      const store = await reopen();
      expect(await store.admitInbound(ACCT, 'SM1', { From: A })).toEqual({ duplicate: true });
      expect(await store.claimInbound()).toMatchObject({
        messageSid: 'SM1',
        payload: { From: A, Body: 'kept' },
      });
      expect((await store.listOutboundParts(ACCT, 'SM0')).map((p) => p.messageSid)).toEqual(['SMout']);
      expect(await store.listConversationTurns(ACCT, A)).toHaveLength(1);
      expect(await store.isOptedOut(ACCT, '+15555550199')).toBe(true);
    });
  });

  describe('closing', () => {
    it('refuses calls after close with StoreClosedError, and closing twice is harmless', async () => {
      await t.store.close();
      await t.store.close();
      await expect(t.store.admitInbound(ACCT, 'SM1', { From: A })).rejects.toMatchObject({
        name: 'StoreClosedError',
      });
      await expect(t.store.isOptedOut(ACCT, A)).rejects.toMatchObject({ name: 'StoreClosedError' });
    });

    it('finishes writes already accepted before closing', async () => {
      const admitted = t.store.admitInbound(ACCT, 'SM1', { From: A });
      await t.store.close();
      expect(await admitted).toEqual({ duplicate: false });
      const reopen = t.reopen;
      if (reopen !== undefined) expect((await (await reopen()).countInbound()).pending).toBe(1);
    });
  });
}
