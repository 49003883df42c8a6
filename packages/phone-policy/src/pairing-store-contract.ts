import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PairingStore, PendingPairing } from './pairing-store.js';

/** What a contract factory returns: a fresh, empty store, with optional cleanup and reopen hooks. */
export interface PairingStoreFixture {
  store: PairingStore;
  /** Called after each test (close the database, delete the temp file...). */
  cleanup?: () => void | Promise<void>;
  /** Durable stores: close and reopen the same storage, so the contract can check that state persists. */
  reopen?: () => PairingStore | Promise<PairingStore>;
}

/** Returns a fresh empty store (or a fixture around one) for each test. */
export type PairingStoreFactory = () =>
  | PairingStore
  | PairingStoreFixture
  | Promise<PairingStore | PairingStoreFixture>;

export interface PairingStoreContractOptions {
  /** Name of the top-level `describe` block. @default 'PairingStore contract' */
  name?: string;
}

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const A = '+15555550101';
const B = '+15555550102';
const C = '+15555550103';
const D = '+15555550104';

function pending(
  sender: string,
  code: string,
  createdAt = T0,
  meta?: Record<string, string>,
): PendingPairing {
  const base = { sender, code, createdAt, expiresAt: createdAt + HOUR };
  return meta === undefined ? base : { ...base, meta };
}

function isFixture(value: PairingStore | PairingStoreFixture): value is PairingStoreFixture {
  return 'store' in value;
}

/**
 * Registers (with vitest) the behaviour every `PairingStore` must have. Call it at the top level of a test file:
 *
 * ```ts
 * runPairingStoreContract(async () => ({ store: openStore(tmpFile), cleanup: () => rm(tmpFile) }));
 * ```
 */
export function runPairingStoreContract(
  makeStore: PairingStoreFactory,
  options: PairingStoreContractOptions = {},
): void {
  describe(options.name ?? 'PairingStore contract', () => {
    let fixture: PairingStoreFixture;
    let store: PairingStore;
    const at = { now: T0, maxPending: 3 };

    beforeEach(async () => {
      const made = await makeStore();
      fixture = isFixture(made) ? made : { store: made };
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup?.();
    });

    describe('getOrCreatePending', () => {
      it('stores the candidate when the sender has no request', async () => {
        const result = await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA'), at);
        expect(result).toEqual({ status: 'created', pending: pending(A, 'AAAAAAAA') });
        expect(await store.listPending('acct')).toEqual([pending(A, 'AAAAAAAA')]);
      });

      it("returns the sender's unexpired request unchanged instead of storing a new code", async () => {
        await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA'), at);
        const again = await store.getOrCreatePending('acct', pending(A, 'BBBBBBBB', T0 + 10), {
          ...at,
          now: T0 + 10,
        });
        expect(again).toEqual({ status: 'existing', pending: pending(A, 'AAAAAAAA') });
        expect(await store.findPendingByCode('acct', 'BBBBBBBB')).toBeUndefined();
      });

      it("replaces the sender's expired request with the candidate", async () => {
        await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA'), at);
        const later = T0 + HOUR;
        const result = await store.getOrCreatePending('acct', pending(A, 'BBBBBBBB', later), {
          ...at,
          now: later,
        });
        expect(result).toEqual({ status: 'created', pending: pending(A, 'BBBBBBBB', later) });
        expect(await store.listPending('acct')).toEqual([pending(A, 'BBBBBBBB', later)]);
      });

      it('refuses a new sender once maxPending unexpired requests exist', async () => {
        await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA'), at);
        await store.getOrCreatePending('acct', pending(B, 'BBBBBBBB'), at);
        await store.getOrCreatePending('acct', pending(C, 'CCCCCCCC'), at);
        const result = await store.getOrCreatePending('acct', pending(D, 'DDDDDDDD'), at);
        expect(result).toEqual({ status: 'limit-reached', pendingCount: 3 });
        expect(await store.findPendingByCode('acct', 'DDDDDDDD')).toBeUndefined();
      });

      it('still answers an existing sender when the limit is reached', async () => {
        await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA'), { ...at, maxPending: 1 });
        const again = await store.getOrCreatePending('acct', pending(A, 'ZZZZZZZZ'), {
          ...at,
          maxPending: 1,
        });
        expect(again).toEqual({ status: 'existing', pending: pending(A, 'AAAAAAAA') });
      });

      it('does not count expired requests towards the limit', async () => {
        await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA'), { ...at, maxPending: 1 });
        const later = T0 + HOUR;
        const result = await store.getOrCreatePending('acct', pending(B, 'BBBBBBBB', later), {
          now: later,
          maxPending: 1,
        });
        expect(result.status).toBe('created');
      });

      it("reports a code conflict when another sender's request uses the code, even an expired one", async () => {
        await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA'), at);
        expect(await store.getOrCreatePending('acct', pending(B, 'AAAAAAAA'), at)).toEqual({
          status: 'code-conflict',
        });
        const later = T0 + 2 * HOUR;
        expect(
          await store.getOrCreatePending('acct', pending(B, 'AAAAAAAA', later), { ...at, now: later }),
        ).toEqual({ status: 'code-conflict' });
      });

      it('keeps meta with the request', async () => {
        const withMeta = pending(A, 'AAAAAAAA', T0, { messageSid: 'SM123', note: 'first' });
        await store.getOrCreatePending('acct', withMeta, at);
        expect(await store.findPendingByCode('acct', 'AAAAAAAA')).toEqual(withMeta);
      });

      it('creates exactly one request when 50 calls for one sender race', async () => {
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            store.getOrCreatePending('acct', pending(A, `CODE${String(i).padStart(4, '0')}`), at),
          ),
        );
        const created = results.filter((r) => r.status === 'created');
        expect(created).toHaveLength(1);
        const codes = new Set(results.map((r) => ('pending' in r ? r.pending.code : r.status)));
        expect(codes.size).toBe(1);
        expect(await store.listPending('acct')).toHaveLength(1);
      });

      it('never exceeds maxPending when many senders race', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => {
            const sender = `+1555555${String(1000 + i)}`;
            return store.getOrCreatePending('acct', pending(sender, `CODE${String(i).padStart(4, '0')}`), at);
          }),
        );
        expect(results.filter((r) => r.status === 'created')).toHaveLength(3);
        expect(results.filter((r) => r.status === 'limit-reached')).toHaveLength(17);
        expect(await store.listPending('acct')).toHaveLength(3);
      });
    });

    describe('pending requests', () => {
      it('finds a request by its exact code, and nothing for an unknown code', async () => {
        await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA'), at);
        expect(await store.findPendingByCode('acct', 'AAAAAAAA')).toEqual(pending(A, 'AAAAAAAA'));
        expect(await store.findPendingByCode('acct', 'NOTACODE')).toBeUndefined();
      });

      it('still finds an expired request by code until it is deleted', async () => {
        await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA'), at);
        await store.getOrCreatePending('acct', pending(B, 'BBBBBBBB', T0 + 2 * HOUR), {
          ...at,
          now: T0 + 2 * HOUR,
        });
        expect(await store.findPendingByCode('acct', 'AAAAAAAA')).toEqual(pending(A, 'AAAAAAAA'));
      });

      it('lists every stored request, expired ones included, oldest first', async () => {
        await store.getOrCreatePending('acct', pending(B, 'BBBBBBBB', T0 + 5), { ...at, now: T0 + 5 });
        await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA', T0 + 1), { ...at, now: T0 + 5 });
        await store.getOrCreatePending('acct', pending(C, 'CCCCCCCC', T0 + 2 * HOUR), {
          ...at,
          now: T0 + 2 * HOUR,
        });
        const senders = (await store.listPending('acct')).map((p) => p.sender);
        expect(senders).toEqual([A, B, C]);
      });

      it('deletes a request by sender and says whether one existed', async () => {
        await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA'), at);
        expect(await store.deletePending('acct', A)).toBe(true);
        expect(await store.deletePending('acct', A)).toBe(false);
        expect(await store.findPendingByCode('acct', 'AAAAAAAA')).toBeUndefined();
      });

      it('deletes requests expired at or before a time and counts them', async () => {
        await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA', T0), at);
        await store.getOrCreatePending('acct', pending(B, 'BBBBBBBB', T0 + 10), at);
        await store.getOrCreatePending('acct', pending(C, 'CCCCCCCC', T0 + 20), at);
        expect(await store.deleteExpiredPending('acct', T0 + HOUR + 10)).toBe(2);
        expect((await store.listPending('acct')).map((p) => p.sender)).toEqual([C]);
      });

      it('hands out copies: changing a returned request does not change the store', async () => {
        const result = await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA'), at);
        if (result.status === 'created') result.pending.code = 'MUTATED1';
        const listed = await store.listPending('acct');
        if (listed[0] !== undefined) listed[0].code = 'MUTATED2';
        expect(await store.findPendingByCode('acct', 'AAAAAAAA')).toEqual(pending(A, 'AAAAAAAA'));
      });
    });

    describe('approved senders', () => {
      it('adds a sender idempotently and reports them approved', async () => {
        await store.addApproved('acct', A);
        await store.addApproved('acct', A);
        expect(await store.isApproved('acct', A)).toBe(true);
        expect(await store.isApproved('acct', B)).toBe(false);
        expect(await store.listApproved('acct')).toEqual([A]);
      });

      it('lists approved senders sorted', async () => {
        await store.addApproved('acct', C);
        await store.addApproved('acct', A);
        await store.addApproved('acct', B);
        expect(await store.listApproved('acct')).toEqual([A, B, C]);
      });

      it('removes a sender and says whether they were approved', async () => {
        await store.addApproved('acct', A);
        expect(await store.removeApproved('acct', A)).toBe(true);
        expect(await store.removeApproved('acct', A)).toBe(false);
        expect(await store.isApproved('acct', A)).toBe(false);
      });
    });

    describe('accounts', () => {
      it('keeps pending requests, limits and codes separate per account', async () => {
        const one = { ...at, maxPending: 1 };
        await store.getOrCreatePending('one', pending(A, 'AAAAAAAA'), one);
        expect((await store.getOrCreatePending('two', pending(B, 'AAAAAAAA'), one)).status).toBe('created');
        expect(await store.findPendingByCode('one', 'AAAAAAAA')).toEqual(pending(A, 'AAAAAAAA'));
        expect(await store.findPendingByCode('two', 'AAAAAAAA')).toEqual(pending(B, 'AAAAAAAA'));
        expect(await store.listPending('three')).toEqual([]);
        await store.deleteExpiredPending('two', T0 + 2 * HOUR);
        expect(await store.listPending('one')).toHaveLength(1);
      });

      it('keeps approved senders separate per account', async () => {
        await store.addApproved('one', A);
        expect(await store.isApproved('two', A)).toBe(false);
        expect(await store.listApproved('two')).toEqual([]);
      });
    });

    describe('durability (stores whose fixture offers reopen)', () => {
      it('keeps pending requests and approved senders across a reopen', async (context) => {
        if (fixture.reopen === undefined) {
          context.skip('this store fixture offers no reopen (an in-memory store keeps nothing across one)');
          return;
        }
        await store.getOrCreatePending('acct', pending(A, 'AAAAAAAA', T0, { messageSid: 'SM1' }), at);
        await store.addApproved('acct', B);
        const reopened = await fixture.reopen();
        expect(await reopened.listPending('acct')).toEqual([
          pending(A, 'AAAAAAAA', T0, { messageSid: 'SM1' }),
        ]);
        expect(await reopened.listApproved('acct')).toEqual([B]);
        store = reopened;
      });
    });
  });
}
