import { describe, expect, it } from 'vitest';
import type { ContractState } from './contract-fixture.js';

const ACCT = 'acct';
const A = '+15555550101';
const B = '+15555550102';
const perMinute = (limit: number) => ({ limit, windowMs: 60_000 });

/** Per-sender pacing: at most `limit` turn starts per sender in any sliding window. */
export function senderPacingContract(t: ContractState): void {
  describe('sender pacing', () => {
    it('lets limit turns start at once, then answers the wait until the window slides', async () => {
      expect(await t.store.tryAcquireSenderTurn(ACCT, A, perMinute(2))).toBe(0);
      t.advance(10_000);
      expect(await t.store.tryAcquireSenderTurn(ACCT, A, perMinute(2))).toBe(0);
      expect(await t.store.tryAcquireSenderTurn(ACCT, A, perMinute(2))).toBe(50_000);
      t.advance(50_000);
      expect(await t.store.tryAcquireSenderTurn(ACCT, A, perMinute(2))).toBe(0);
    });

    it('counts nothing when it answers a wait', async () => {
      expect(await t.store.tryAcquireSenderTurn(ACCT, A, perMinute(1))).toBe(0);
      t.advance(20_000);
      expect(await t.store.tryAcquireSenderTurn(ACCT, A, perMinute(1))).toBe(40_000);
      expect(await t.store.tryAcquireSenderTurn(ACCT, A, perMinute(1))).toBe(40_000);
      t.advance(40_000);
      expect(await t.store.tryAcquireSenderTurn(ACCT, A, perMinute(1))).toBe(0);
      expect(await t.store.tryAcquireSenderTurn(ACCT, A, perMinute(1))).toBe(60_000);
    });

    it('paces each sender and account apart', async () => {
      expect(await t.store.tryAcquireSenderTurn(ACCT, A, perMinute(1))).toBe(0);
      expect(await t.store.tryAcquireSenderTurn(ACCT, B, perMinute(1))).toBe(0);
      expect(await t.store.tryAcquireSenderTurn('other', A, perMinute(1))).toBe(0);
      expect(await t.store.tryAcquireSenderTurn(ACCT, A, perMinute(1))).toBeGreaterThan(0);
    });

    it('starts exactly limit of 10 concurrent turns of one sender', async () => {
      const waits = await Promise.all(
        Array.from({ length: 10 }, () => t.store.tryAcquireSenderTurn(ACCT, A, perMinute(3))),
      );
      expect(waits.filter((wait) => wait === 0)).toHaveLength(3);
      expect(waits.filter((wait) => wait === 60_000)).toHaveLength(7);
    });

    it('refuses a limit below 1 with StoreArgumentError naming it', async () => {
      await expect(t.store.tryAcquireSenderTurn(ACCT, A, { limit: 0, windowMs: 1 })).rejects.toMatchObject({
        name: 'StoreArgumentError',
        argument: 'limit',
      });
    });
  });
}
