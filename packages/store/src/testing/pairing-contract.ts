import type { PendingPairing } from '@sms-channel/phone-policy';
import { runPairingStoreContract } from '@sms-channel/phone-policy/testing';
import { describe, expect, it } from 'vitest';
import type { ContractState } from './contract-fixture.js';

const ACCT = 'acct';
const A = '+15555550101';
const HOUR = 3_600_000;

function request(code: string, createdAt: number): PendingPairing {
  return { sender: A, code, createdAt, expiresAt: createdAt + HOUR };
}

/** Phone-policy's `PairingStore` contract, run on `store.pairing`, and the code-sent marker. */
export function pairingStoreContract(t: ContractState): void {
  describe('pairing', () => {
    runPairingStoreContract(() => {
      const reopen = t.reopen;
      return {
        store: t.store.pairing,
        ...(reopen === undefined ? {} : { reopen: async () => (await reopen()).pairing }),
      };
    });
    codeSentMarkerContract(t);
  });
}

function codeSentMarkerContract(t: ContractState): void {
  describe('code-sent marker', () => {
    it('knows no sending until the code is marked as sent, then when it was', async () => {
      await t.store.pairing.getOrCreatePending(ACCT, request('AAAAAAAA', t.now), {
        now: t.now,
        maxPending: 3,
      });
      expect(await t.store.pairing.codeSentAt(ACCT, A, 'AAAAAAAA')).toBeUndefined();
      t.advance(7);
      expect(await t.store.pairing.markCodeSent(ACCT, A, 'AAAAAAAA')).toBe(true);
      expect(await t.store.pairing.codeSentAt(ACCT, A, 'AAAAAAAA')).toBe(t.now);
    });

    it('marks nothing for a code the sender does not hold', async () => {
      await t.store.pairing.getOrCreatePending(ACCT, request('AAAAAAAA', t.now), {
        now: t.now,
        maxPending: 3,
      });
      expect(await t.store.pairing.markCodeSent(ACCT, A, 'BBBBBBBB')).toBe(false);
      expect(await t.store.pairing.markCodeSent(ACCT, '+15555550199', 'AAAAAAAA')).toBe(false);
    });

    it('starts the replacement of an expired request unsent', async () => {
      await t.store.pairing.getOrCreatePending(ACCT, request('AAAAAAAA', t.now), {
        now: t.now,
        maxPending: 3,
      });
      await t.store.pairing.markCodeSent(ACCT, A, 'AAAAAAAA');
      t.advance(HOUR);
      await t.store.pairing.getOrCreatePending(ACCT, request('BBBBBBBB', t.now), {
        now: t.now,
        maxPending: 3,
      });
      expect(await t.store.pairing.codeSentAt(ACCT, A, 'BBBBBBBB')).toBeUndefined();
      expect(await t.store.pairing.codeSentAt(ACCT, A, 'AAAAAAAA')).toBeUndefined();
    });
  });
}
