import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPairing, type PairingOptions } from './create-pairing.js';
import {
  InvalidPhoneNumberError,
  PairingCodeCollisionError,
  PairingCodeExpiredError,
  PairingCodeUnknownError,
  PairingError,
} from './errors.js';
import { createMemoryPairingStore } from './memory-pairing-store.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1, 12);
const ALICE = '+15555550101';
const BOB = '+15555550102';
const CAROL = '+15555550103';
const DAVE = '+15555550104';

function setup(options: Partial<PairingOptions> = {}) {
  const clock = { now: T0 };
  const store = createMemoryPairingStore();
  const pairing = createPairing({ store, now: () => clock.now, ...options });
  return { clock, store, pairing };
}

async function codeFor(pairing: ReturnType<typeof setup>['pairing'], sender: string, account = 'acct') {
  const result = await pairing.request(account, sender);
  if (result.status !== 'created' && result.status !== 'existing')
    throw new Error(`no code: ${result.status}`);
  return result.code;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createPairing', () => {
  describe('request', () => {
    it('issues a new 8-character code that expires in one hour', async () => {
      const { pairing } = setup();
      expect(await pairing.request('acct', ALICE)).toEqual({
        status: 'created',
        sender: ALICE,
        code: expect.stringMatching(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/),
        expiresAt: T0 + HOUR,
      });
    });

    it('gives a pending sender the same code back, marked as already sent', async () => {
      const { pairing, clock } = setup();
      const first = await pairing.request('acct', ALICE);
      clock.now += 10 * 60_000;
      const second = await pairing.request('acct', 'sms:+1 (555) 555-0101');
      expect(second).toEqual({ ...first, status: 'existing' });
    });

    it('yields exactly one code, created once, for 50 parallel requests from one sender', async () => {
      const { pairing, store } = setup();
      const results = await Promise.all(Array.from({ length: 50 }, () => pairing.request('acct', ALICE)));
      expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
      expect(new Set(results.map((r) => ('code' in r ? r.code : r.status))).size).toBe(1);
      expect(await store.listPending('acct')).toHaveLength(1);
    });

    it('issues a fresh code once the previous one expired (injected clock)', async () => {
      const { pairing, clock } = setup();
      const first = await codeFor(pairing, ALICE);
      clock.now = T0 + HOUR - 1;
      expect(await pairing.request('acct', ALICE)).toMatchObject({ status: 'existing', code: first });
      clock.now = T0 + HOUR;
      const renewed = await pairing.request('acct', ALICE);
      expect(renewed).toMatchObject({ status: 'created', expiresAt: T0 + 2 * HOUR });
      expect('code' in renewed && renewed.code).not.toBe(first);
    });

    it('answers already-approved for a sender that is approved', async () => {
      const { pairing } = setup();
      await pairing.approve('acct', await codeFor(pairing, ALICE));
      expect(await pairing.request('acct', ALICE)).toEqual({ status: 'already-approved', sender: ALICE });
    });

    it('rejects a sender that is not a phone number', async () => {
      const { pairing } = setup();
      expect(await rejection(pairing.request('acct', 'TWILIO'))).toBeInstanceOf(InvalidPhoneNumberError);
    });

    it('honours a custom ttlMs', async () => {
      const { pairing } = setup({ ttlMs: 5 * 60_000 });
      expect(await pairing.request('acct', ALICE)).toMatchObject({ expiresAt: T0 + 5 * 60_000 });
    });
  });

  describe('pending limit', () => {
    it('regression: a 4th pending sender is told the limit is reached (the leading implementation was silent)', async () => {
      const { pairing, clock } = setup();
      await pairing.request('acct', ALICE);
      clock.now += 1000;
      await pairing.request('acct', BOB);
      await pairing.request('acct', CAROL);
      expect(await pairing.request('acct', DAVE)).toEqual({
        status: 'limit-reached',
        sender: DAVE,
        maxPending: 3,
        retryAt: T0 + HOUR,
      });
    });

    it('still answers senders that are already pending when the limit is reached', async () => {
      const { pairing } = setup({ maxPendingPerAccount: 1 });
      const code = await codeFor(pairing, ALICE);
      expect(await pairing.request('acct', ALICE)).toMatchObject({ status: 'existing', code });
    });

    it('frees a place when a request expires, is approved or is rejected', async () => {
      const { pairing, clock } = setup({ maxPendingPerAccount: 1 });
      const alice = await codeFor(pairing, ALICE);
      expect((await pairing.request('acct', BOB)).status).toBe('limit-reached');
      await pairing.approve('acct', alice);
      const bob = await codeFor(pairing, BOB);
      await pairing.reject('acct', bob);
      await codeFor(pairing, CAROL);
      clock.now += HOUR;
      expect((await pairing.request('acct', DAVE)).status).toBe('created');
    });

    it('counts the limit per account', async () => {
      const { pairing } = setup({ maxPendingPerAccount: 1 });
      await pairing.request('one', ALICE);
      expect((await pairing.request('two', BOB)).status).toBe('created');
    });

    it('issues codes to exactly min(senders, limit) distinct senders racing (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 8 }),
          fc.integer({ min: 1, max: 5 }),
          async (senders, limit) => {
            const { pairing } = setup({ maxPendingPerAccount: limit });
            const numbers = Array.from({ length: senders }, (_, i) => `+1555555${1000 + i}`);
            const results = await Promise.all(
              numbers.flatMap((n) => [pairing.request('acct', n), pairing.request('acct', n)]),
            );
            expect(results.filter((r) => r.status === 'created')).toHaveLength(Math.min(senders, limit));
          },
        ),
        { numRuns: 40 },
      );
    });
  });

  describe('approve', () => {
    it('approves a code in any case and returns the sender, now in the approved set', async () => {
      const { pairing, store } = setup();
      const code = await codeFor(pairing, ALICE);
      const approval = await pairing.approve('acct', code.toLowerCase());
      expect(approval).toEqual({ accountId: 'acct', sender: ALICE, code, approvedAt: T0 });
      expect(await store.isApproved('acct', ALICE)).toBe(true);
      expect(await pairing.list('acct')).toEqual([]);
    });

    it('ignores spaces and dashes typed into the code', async () => {
      const { pairing } = setup();
      const code = await codeFor(pairing, ALICE);
      const typed = ` ${code.slice(0, 4)}-${code.slice(4)} `;
      expect((await pairing.approve('acct', typed)).sender).toBe(ALICE);
    });

    it('returns the meta given with the request', async () => {
      const { pairing } = setup();
      const result = await pairing.request('acct', ALICE, { messageSid: 'SM123' });
      const code = 'code' in result ? result.code : '';
      expect((await pairing.approve('acct', code)).meta).toEqual({ messageSid: 'SM123' });
    });

    it('says a code is unknown when no request has it', async () => {
      const { pairing } = setup();
      await pairing.request('acct', ALICE);
      const error = await rejection(pairing.approve('acct', 'ZZZZZZZZ'));
      expect(error).toBeInstanceOf(PairingCodeUnknownError);
      expect(error).toBeInstanceOf(PairingError);
      expect(error).toMatchObject({
        code: 'PAIRING_CODE_UNKNOWN',
        message: expect.stringContaining('"ZZZZZZZZ"'),
      });
    });

    it('says a malformed code is unknown', async () => {
      const { pairing } = setup();
      expect(await rejection(pairing.approve('acct', 'not a code'))).toBeInstanceOf(PairingCodeUnknownError);
    });

    it('says a code is expired, distinctly from unknown, after one hour (injected clock)', async () => {
      const { pairing, clock, store } = setup();
      const code = await codeFor(pairing, ALICE);
      clock.now = T0 + HOUR;
      const error = await rejection(pairing.approve('acct', code));
      expect(error).toBeInstanceOf(PairingCodeExpiredError);
      expect(error).toMatchObject({ code: 'PAIRING_CODE_EXPIRED', expiredAt: T0 + HOUR });
      expect(await store.isApproved('acct', ALICE)).toBe(false);
    });

    it('approves a code one millisecond before it expires', async () => {
      const { pairing, clock } = setup();
      const code = await codeFor(pairing, ALICE);
      clock.now = T0 + HOUR - 1;
      expect((await pairing.approve('acct', code)).sender).toBe(ALICE);
    });

    it('forgets expired codes after the retention period, then calls them unknown', async () => {
      const { pairing, clock } = setup({ expiredRetentionMs: HOUR });
      const code = await codeFor(pairing, ALICE);
      clock.now = T0 + 2 * HOUR;
      await pairing.request('acct', BOB);
      expect(await rejection(pairing.approve('acct', code))).toBeInstanceOf(PairingCodeUnknownError);
    });

    it('does not approve the same code twice', async () => {
      const { pairing } = setup();
      const code = await codeFor(pairing, ALICE);
      await pairing.approve('acct', code);
      expect(await rejection(pairing.approve('acct', code))).toBeInstanceOf(PairingCodeUnknownError);
    });

    it("does not approve one account's code in another account", async () => {
      const { pairing } = setup();
      const code = await codeFor(pairing, ALICE, 'one');
      expect(await rejection(pairing.approve('two', code))).toBeInstanceOf(PairingCodeUnknownError);
    });
  });

  describe('list, reject and revoke', () => {
    it('lists unexpired requests, oldest first', async () => {
      const { pairing, clock } = setup();
      await pairing.request('acct', ALICE);
      clock.now += 30 * 60_000;
      await pairing.request('acct', BOB);
      expect((await pairing.list('acct')).map((p) => p.sender)).toEqual([ALICE, BOB]);
      clock.now = T0 + HOUR;
      expect((await pairing.list('acct')).map((p) => p.sender)).toEqual([BOB]);
    });

    it('rejects a request by code and returns it', async () => {
      const { pairing } = setup();
      const code = await codeFor(pairing, ALICE);
      expect(await pairing.reject('acct', code.toLowerCase())).toMatchObject({ sender: ALICE, code });
      expect(await pairing.list('acct')).toEqual([]);
      expect(await rejection(pairing.reject('acct', code))).toBeInstanceOf(PairingCodeUnknownError);
    });

    it('revokes an approved sender', async () => {
      const { pairing, store } = setup();
      await pairing.approve('acct', await codeFor(pairing, ALICE));
      expect(await pairing.revoke('acct', 'sms:+1 555 555 0101')).toBe(true);
      expect(await store.isApproved('acct', ALICE)).toBe(false);
      expect(await pairing.revoke('acct', ALICE)).toBe(false);
    });
  });

  describe('random source', () => {
    it('draws again when a code is already used by another pending request', async () => {
      const draws = [...Array(8).fill(0), ...Array(8).fill(0), ...Array(8).fill(1)];
      let i = 0;
      const { pairing } = setup({ random: () => draws[i++] ?? 0 });
      expect(await codeFor(pairing, ALICE)).toBe('22222222');
      expect(await codeFor(pairing, BOB)).toBe('33333333');
    });

    it('gives up with a named error when the random source keeps repeating itself', async () => {
      const { pairing } = setup({ random: () => 0 });
      await pairing.request('acct', ALICE);
      expect(await rejection(pairing.request('acct', BOB))).toBeInstanceOf(PairingCodeCollisionError);
    });
  });
});
