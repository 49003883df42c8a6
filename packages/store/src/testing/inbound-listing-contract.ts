import { describe, expect, it } from 'vitest';
import { type ContractState, claimReady, contractSettings } from './contract-fixture.js';

const ACCT = 'acct';
const A = '+15555550101';
const B = '+15555550102';

function form(from: string, body: string) {
  return { From: from, To: '+15555550100', Body: body, NumMedia: '0' };
}

async function errorName(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as Error).name;
  }
}

/** What an owner reads of the queue: the messages still to do, and one dead letter found by its MessageSid. */
export function inboundListingContract(t: ContractState): void {
  const claimed = () => claimReady(t);

  describe('listing the queue', () => {
    it('lists nothing when the queue is empty', async () => {
      expect(await t.store.listQueuedInbound()).toEqual([]);
    });

    it('lists a waiting message with its payload, when it may be handed out and no lease', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, 'hi'));
      expect(await t.store.listQueuedInbound()).toEqual([
        {
          id: expect.any(Number),
          accountId: ACCT,
          messageSid: 'SM1',
          sender: A,
          payload: form(A, 'hi'),
          attempts: 0,
          admittedAt: contractSettings.t0,
          state: 'pending',
          availableAt: contractSettings.t0,
          leaseUntil: null,
          lastError: null,
        },
      ]);
    });

    it('lists a claimed message with its lease and no availability time', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, 'hi'));
      const claim = await claimed();
      expect(await t.store.listQueuedInbound()).toEqual([
        expect.objectContaining({
          messageSid: 'SM1',
          state: 'claimed',
          attempts: 1,
          availableAt: null,
          leaseUntil: claim.leaseUntil,
        }),
      ]);
    });

    it('lists a message waiting for its retry with the retry time and the reason of the failed attempt', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, 'hi'));
      await t.store.failInbound((await claimed()).id, { reason: 'twilio 503', retryAfterMs: 5_000 });
      expect(await t.store.listQueuedInbound()).toEqual([
        expect.objectContaining({
          messageSid: 'SM1',
          state: 'pending',
          attempts: 1,
          availableAt: t.now + 5_000,
          lastError: 'twilio 503',
        }),
      ]);
    });

    it('lists neither completed messages nor dead letters', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, 'done'));
      await t.store.completeInbound((await claimed()).id);
      await t.store.admitInbound(ACCT, 'SM2', form(B, 'dead'));
      await t.store.deadLetterInbound((await claimed()).id, 'x');
      expect(await t.store.listQueuedInbound()).toEqual([]);
    });

    it('lists oldest first, one account when asked, up to the limit', async () => {
      for (const [i, account] of ['one', 'two', 'one'].entries()) {
        await t.store.admitInbound(account, `SM${i}`, form(`+1555555020${i}`, 'x'));
      }
      const sids = async (options?: Parameters<typeof t.store.listQueuedInbound>[0]) =>
        (await t.store.listQueuedInbound(options)).map((message) => message.messageSid);
      expect(await sids()).toEqual(['SM0', 'SM1', 'SM2']);
      expect(await sids({ accountId: 'one' })).toEqual(['SM0', 'SM2']);
      expect(await sids({ limit: 2 })).toEqual(['SM0', 'SM1']);
    });

    it('refuses a negative limit, with StoreArgumentError', async () => {
      expect(await errorName(t.store.listQueuedInbound({ limit: -1 }))).toBe('StoreArgumentError');
    });
  });

  describe('finding a dead letter by its MessageSid', () => {
    it("lists only that MessageSid's dead letter", async () => {
      for (const sid of ['SM1', 'SM2']) {
        await t.store.admitInbound(ACCT, sid, form(A, sid));
        await t.store.deadLetterInbound((await claimed()).id, `lost ${sid}`);
      }
      expect(await t.store.listDeadLetters({ messageSid: 'SM1' })).toEqual([
        expect.objectContaining({ accountId: ACCT, messageSid: 'SM1', reason: 'lost SM1' }),
      ]);
    });

    it('finds it in each account that holds one, or in the one account asked', async () => {
      for (const account of ['one', 'two']) {
        await t.store.admitInbound(account, 'SM1', form(A, 'x'));
        await t.store.deadLetterInbound((await claimed()).id, 'x');
      }
      const accounts = async (accountId?: string) =>
        (await t.store.listDeadLetters({ messageSid: 'SM1', accountId }))
          .map((dead) => dead.accountId)
          .sort();
      expect(await accounts()).toEqual(['one', 'two']);
      expect(await accounts('two')).toEqual(['two']);
    });

    it('finds nothing for a MessageSid that is queued, not dead', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, 'x'));
      expect(await t.store.listDeadLetters({ messageSid: 'SM1' })).toEqual([]);
    });

    it('refuses an empty MessageSid, with StoreArgumentError', async () => {
      expect(await errorName(t.store.listDeadLetters({ messageSid: '' }))).toBe('StoreArgumentError');
    });
  });
}
