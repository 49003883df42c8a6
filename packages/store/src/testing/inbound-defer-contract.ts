import { describe, expect, it } from 'vitest';
import { type ContractState, claimReady, contractSettings } from './contract-fixture.js';

const ACCT = 'acct';
const A = '+15555550101';
const B = '+15555550102';

const form = (from: string, body: string) => ({ From: from, Body: body });

/** Inbound queue: `deferInbound`, a claim given back without counting an attempt (per-sender pacing). */
export function inboundDeferContract(t: ContractState): void {
  const claimed = () => claimReady(t);

  describe('deferring', () => {
    it('hands a deferred message out again after retryAfterMs, with the same attempt number', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      const first = await claimed();
      expect(await t.store.deferInbound(first.id, { retryAfterMs: 5_000, reason: 'paced' })).toEqual({
        ok: true,
        retryAt: t.now + 5_000,
      });
      t.advance(4_999);
      expect(await t.store.claimInbound()).toBeNull();
      t.advance(1);
      expect(await claimed()).toMatchObject({ id: first.id, attempts: 1 });
    });

    it('never dead-letters a message for being deferred, however often', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      for (let i = 0; i < contractSettings.maxAttempts * 3; i++) {
        const { id } = await claimed();
        expect(await t.store.deferInbound(id, { retryAfterMs: 0 })).toMatchObject({ ok: true });
      }
      expect(await t.store.listDeadLetters()).toEqual([]);
      const last = await claimed();
      expect(last.attempts).toBe(1);
      // A real failure still counts from where the deferrals left it.
      expect(await t.store.failInbound(last.id, { reason: 'x', retryAfterMs: 0 })).toMatchObject({
        outcome: 'retry',
      });
      expect((await claimed()).attempts).toBe(2);
    });

    it("keeps the sender's later messages behind a deferred one, and lets other senders through", async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      await t.store.admitInbound(ACCT, 'SM2', form(A, '2'));
      await t.store.admitInbound(ACCT, 'SM3', form(B, '3'));
      await t.store.deferInbound((await claimed()).id, { retryAfterMs: 1_000 });
      expect((await claimed()).messageSid).toBe('SM3');
      expect(await t.store.claimInbound()).toBeNull();
      t.advance(1_000);
      expect((await claimed()).messageSid).toBe('SM1');
    });

    it('reports a message that is not claimed as not-claimed, and an unknown id as not-found', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      const { id } = await claimed();
      await t.store.completeInbound(id);
      expect(await t.store.deferInbound(id, { retryAfterMs: 0 })).toEqual({
        ok: false,
        reason: 'not-claimed',
      });
      expect(await t.store.deferInbound(id + 1000, { retryAfterMs: 0 })).toEqual({
        ok: false,
        reason: 'not-found',
      });
    });

    it('refuses a negative delay with StoreArgumentError', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      const { id } = await claimed();
      await expect(t.store.deferInbound(id, { retryAfterMs: -1 })).rejects.toMatchObject({
        name: 'StoreArgumentError',
      });
    });
  });
}
