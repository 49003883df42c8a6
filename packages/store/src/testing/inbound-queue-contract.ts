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

/** Inbound queue: dedupe, per-sender order, settle, retries, leases, dead letters. */
export function inboundQueueContract(t: ContractState): void {
  const claimed = () => claimReady(t);

  describe('admitting', () => {
    it('admits a message once and reports a retry of the same MessageSid as a duplicate', async () => {
      expect(await t.store.admitInbound(ACCT, 'SM1', form(A, 'hi'))).toEqual({ duplicate: false });
      expect(await t.store.admitInbound(ACCT, 'SM1', form(A, 'hi'))).toEqual({ duplicate: true });
      expect((await t.store.countInbound()).pending).toBe(1);
    });

    it('treats the same MessageSid under another account as another message', async () => {
      await t.store.admitInbound('one', 'SM1', form(A, 'hi'));
      expect(await t.store.admitInbound('two', 'SM1', form(A, 'hi'))).toEqual({ duplicate: false });
    });

    it('admits exactly one of 20 concurrent admits of one MessageSid', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, () => t.store.admitInbound(ACCT, 'SM1', form(A, 'hi'))),
      );
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect((await t.store.countInbound()).pending).toBe(1);
    });

    it('keeps a completed message as a duplicate for retries that come late', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, 'hi'));
      await t.store.completeInbound((await claimed()).id);
      expect(await t.store.admitInbound(ACCT, 'SM1', form(A, 'hi'))).toEqual({ duplicate: true });
      expect(await t.store.claimInbound()).toBeNull();
    });

    it('refuses a payload that is not a JSON object, with StoreArgumentError', async () => {
      const notAnObject = ['a', 'b'] as unknown as Record<string, string>;
      expect(await errorName(t.store.admitInbound(ACCT, 'SM1', notAnObject))).toBe('StoreArgumentError');
    });

    it('refuses an empty MessageSid, with StoreArgumentError', async () => {
      expect(await errorName(t.store.admitInbound(ACCT, '', form(A, 'hi')))).toBe('StoreArgumentError');
    });
  });

  describe('claiming', () => {
    it('returns null when nothing is queued', async () => {
      expect(await t.store.claimInbound()).toBeNull();
    });

    it('hands out the message with its payload, its first attempt and a lease', async () => {
      const payload = { ...form(A, 'héllo 👋'), MediaUrl: ['https://x/1', 'https://x/2'], Nested: { n: 1 } };
      await t.store.admitInbound(ACCT, 'SM1', payload);
      expect(await claimed()).toEqual({
        id: expect.any(Number),
        accountId: ACCT,
        messageSid: 'SM1',
        sender: A,
        payload,
        attempts: 1,
        admittedAt: t.now,
        leaseUntil: t.now + contractSettings.leaseMs,
      });
    });

    it('hands out the oldest message first', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      await t.store.admitInbound(ACCT, 'SM2', form(B, '2'));
      expect((await claimed()).messageSid).toBe('SM1');
      expect((await claimed()).messageSid).toBe('SM2');
    });

    it("never hands out a sender's next message while their previous one is in flight", async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      await t.store.admitInbound(ACCT, 'SM2', form(A, '2'));
      await claimed();
      expect(await t.store.claimInbound()).toBeNull();
    });

    it('lets different senders proceed in parallel', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      await t.store.admitInbound(ACCT, 'SM2', form(A, '2'));
      await t.store.admitInbound(ACCT, 'SM3', form(B, '3'));
      expect((await claimed()).messageSid).toBe('SM1');
      expect((await claimed()).messageSid).toBe('SM3');
    });

    it("hands out a sender's next message once the previous one is completed", async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      await t.store.admitInbound(ACCT, 'SM2', form(A, '2'));
      await t.store.completeInbound((await claimed()).id);
      expect((await claimed()).messageSid).toBe('SM2');
    });

    it('orders one sender separately per account', async () => {
      await t.store.admitInbound('one', 'SM1', form(A, '1'));
      await t.store.admitInbound('two', 'SM2', form(A, '2'));
      await claimed();
      expect((await claimed()).messageSid).toBe('SM2');
    });

    it('does not hold back messages that have no sender', async () => {
      await t.store.admitInbound(ACCT, 'SM1', { Body: '1' });
      await t.store.admitInbound(ACCT, 'SM2', { Body: '2' });
      expect((await claimed()).sender).toBeNull();
      expect((await claimed()).messageSid).toBe('SM2');
    });

    it('orders by the sender option rather than From when given', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'), { sender: 'thread-1' });
      await t.store.admitInbound(ACCT, 'SM2', form(B, '2'), { sender: 'thread-1' });
      expect((await claimed()).sender).toBe('thread-1');
      expect(await t.store.claimInbound()).toBeNull();
    });

    it('never hands one message to two of 10 concurrent claims', async () => {
      for (const [i, sender] of ['+15555550111', '+15555550112', '+15555550113'].entries()) {
        await t.store.admitInbound(ACCT, `SM${i}`, form(sender, 'x'));
      }
      const results = await Promise.all(Array.from({ length: 10 }, () => t.store.claimInbound()));
      const ids = results.filter((r) => r !== null).map((r) => r.id);
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
    });

    it('uses the lease given to claimInbound', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      expect((await t.store.claimInbound({ leaseMs: 5_000 }))?.leaseUntil).toBe(t.now + 5_000);
    });
  });

  describe('settling', () => {
    it('completes a claimed message and never hands it out again', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      expect(await t.store.completeInbound((await claimed()).id)).toEqual({ ok: true });
      t.advance(contractSettings.leaseMs * 10);
      expect(await t.store.claimInbound()).toBeNull();
      expect(await t.store.countInbound()).toEqual({ pending: 0, claimed: 0, completed: 1, deadLettered: 0 });
    });

    it('reports an unknown id as not-found and a message not claimed as not-claimed', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      const { id } = await claimed();
      await t.store.completeInbound(id);
      expect(await t.store.completeInbound(id + 1000)).toEqual({ ok: false, reason: 'not-found' });
      expect(await t.store.completeInbound(id)).toEqual({ ok: false, reason: 'not-claimed' });
      expect(await t.store.failInbound(id, { reason: 'x' })).toEqual({ ok: false, reason: 'not-claimed' });
    });

    it('puts a failed message back after retryAfterMs, counting the attempt', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      const first = await claimed();
      expect(await t.store.failInbound(first.id, { reason: 'twilio 503', retryAfterMs: 30_000 })).toEqual({
        ok: true,
        outcome: 'retry',
        retryAt: t.now + 30_000,
      });
      t.advance(29_999);
      expect(await t.store.claimInbound()).toBeNull();
      t.advance(1);
      expect(await claimed()).toMatchObject({ id: first.id, attempts: 2 });
    });

    it('waits at least a second before a retry when no delay is given', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      const result = await t.store.failInbound((await claimed()).id, { reason: 'x' });
      expect(result.ok && result.outcome === 'retry' && result.retryAt >= t.now + 1_000).toBe(true);
      expect(await t.store.claimInbound()).toBeNull();
    });

    it("keeps a sender's later messages waiting while an earlier one waits for its retry", async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      await t.store.admitInbound(ACCT, 'SM2', form(A, '2'));
      await t.store.failInbound((await claimed()).id, { reason: 'x', retryAfterMs: 1_000 });
      expect(await t.store.claimInbound()).toBeNull();
      t.advance(1_000);
      expect((await claimed()).messageSid).toBe('SM1');
    });

    it('dead-letters a message that fails its last allowed attempt, keeping its payload and the reason', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, 'poison'));
      for (let attempt = 1; attempt < contractSettings.maxAttempts; attempt++) {
        await t.store.failInbound((await claimed()).id, { reason: 'boom', retryAfterMs: 0 });
      }
      const last = await claimed();
      expect(await t.store.failInbound(last.id, { reason: 'boom at last' })).toEqual({
        ok: true,
        outcome: 'dead-lettered',
      });
      expect(await t.store.listDeadLetters()).toEqual([
        {
          id: last.id,
          accountId: ACCT,
          messageSid: 'SM1',
          sender: A,
          payload: form(A, 'poison'),
          attempts: contractSettings.maxAttempts,
          reason: 'boom at last',
          admittedAt: contractSettings.t0,
          deadLetteredAt: t.now,
        },
      ]);
    });

    it('honours a maxAttempts given to failInbound', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      const result = await t.store.failInbound((await claimed()).id, { reason: 'x', maxAttempts: 1 });
      expect(result).toEqual({ ok: true, outcome: 'dead-lettered' });
    });

    it("dead-letters at once on request and lets the sender's next message through", async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      await t.store.admitInbound(ACCT, 'SM2', form(A, '2'));
      expect(await t.store.deadLetterInbound((await claimed()).id, 'twilio 21610')).toEqual({ ok: true });
      expect((await claimed()).messageSid).toBe('SM2');
      expect((await t.store.listDeadLetters())[0]?.reason).toBe('twilio 21610');
    });

    it('lists dead letters per account, newest first, up to the limit', async () => {
      for (const [i, account] of ['one', 'two', 'one'].entries()) {
        await t.store.admitInbound(account, `SM${i}`, form(`+1555555020${i}`, 'x'));
        await t.store.deadLetterInbound((await claimed()).id, `r${i}`);
        t.advance(1);
      }
      expect((await t.store.listDeadLetters({ accountId: 'one' })).map((d) => d.messageSid)).toEqual([
        'SM2',
        'SM0',
      ]);
      expect((await t.store.listDeadLetters({ limit: 1 })).map((d) => d.messageSid)).toEqual(['SM2']);
    });

    it("never hands out a requeued dead letter while its sender's later message is in flight", async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      const first = await claimed();
      await t.store.deadLetterInbound(first.id, 'x');
      await t.store.admitInbound(ACCT, 'SM2', form(A, '2'));
      const second = await claimed();
      await t.store.requeueDeadLetter(first.id);
      expect(await t.store.claimInbound()).toBeNull();
      await t.store.completeInbound(second.id);
      expect((await claimed()).messageSid).toBe('SM1');
    });

    it('requeues a dead letter with its attempts reset', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form(A, '1'));
      const { id } = await claimed();
      await t.store.deadLetterInbound(id, 'x');
      expect(await t.store.requeueDeadLetter(id)).toBe(true);
      expect(await t.store.requeueDeadLetter(id)).toBe(false);
      expect(await claimed()).toMatchObject({ id, attempts: 1 });
      expect(await t.store.listDeadLetters()).toEqual([]);
    });
  });
}
