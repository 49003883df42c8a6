import { getEventListeners } from 'node:events';
import { openStore, type SqliteGatewayStore } from '@sms-channel/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStoreSenderAccess } from '../access/store-sender-access.js';
import type { Agent } from '../agent/agent.js';
import { account } from '../ingress/__fixtures__/webhook-server.js';
import { silentLogger } from '../logger.js';
import type { OutboundSender } from '../reply/outbound-sender.js';
import { createRecordingLogger } from '../testing/recording-logger.js';
import { createWorkerPool } from './create-worker-pool.js';
import { type InboundOutcome, processInbound } from './process-inbound.js';
import { createTurnLimit } from './turn-limit.js';

const echo: Agent = { kind: 'echo', reply: async (turn) => ({ text: `You said: ${turn.text}` }) };

let store: SqliteGatewayStore;
beforeEach(async () => {
  store = await openStore(':memory:');
});
afterEach(() => store.close());

const admit = (sid: string, from = '+12025550142') =>
  store.admitInbound('default', sid, { From: from, Body: sid });

/** Polls the store's state until `check` holds (the test's own timeout bounds it, not a wall-clock guess). */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('createWorkerPool', () => {
  it("handles each sender's messages in order, one at a time, and completes them", async () => {
    const seen: string[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const pool = createWorkerPool({
      queue: store,
      logger: silentLogger,
      concurrency: 3,
      pollIntervalMs: 20,
      process: async (claimed) => {
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(claimed.messageSid);
        concurrent -= 1;
        return { action: 'complete', result: 'replied' };
      },
    });
    for (const sid of ['SM1', 'SM2', 'SM3']) await admit(sid);
    pool.start();
    await until(async () => (await store.countInbound()).completed === 3);
    await pool.stop(1000);
    expect(seen).toEqual(['SM1', 'SM2', 'SM3']);
    expect(maxConcurrent).toBe(1);
  });

  it('wakes at once when told a message was admitted', async () => {
    const pool = createWorkerPool({
      queue: store,
      logger: silentLogger,
      pollIntervalMs: 60_000,
      process: async () => ({ action: 'complete', result: 'replied' }),
    });
    pool.start();
    // At once: the workers may still be making their first claims (from before the admit) when the wake comes.
    await admit('SM1');
    pool.wake();
    await until(async () => (await store.countInbound()).completed === 1);
    await pool.stop(1000);
  });

  it('puts a retry outcome back in the queue and dead-letters a final one', async () => {
    const outcomes: Record<string, InboundOutcome> = {
      SM1: { action: 'retry', reason: 'twilio 429', retryAfterMs: 60_000 },
      SM2: { action: 'dead-letter', reason: 'twilio 21211' },
    };
    const pool = createWorkerPool({
      queue: store,
      logger: silentLogger,
      pollIntervalMs: 20,
      process: async (claimed) => outcomes[claimed.messageSid] as InboundOutcome,
    });
    await admit('SM1', '+12025550142');
    await admit('SM2', '+12025550143');
    pool.start();
    await until(async () => {
      const counts = await store.countInbound();
      return counts.deadLettered === 1 && counts.pending === 1;
    });
    await pool.stop(1000);
    expect((await store.listDeadLetters())[0]).toMatchObject({ messageSid: 'SM2', reason: 'twilio 21211' });
  });

  it('lets a turn in progress finish within the grace period on stop', async () => {
    let finished = false;
    const pool = createWorkerPool({
      queue: store,
      logger: silentLogger,
      pollIntervalMs: 20,
      process: async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        finished = true;
        return { action: 'complete', result: 'replied' };
      },
    });
    await admit('SM1');
    pool.start();
    await until(async () => pool.busy === 1);
    await pool.stop(5000);
    expect(finished).toBe(true);
    expect(await store.countInbound()).toMatchObject({ completed: 1 });
  });

  it('aborts and releases a turn that outlasts the grace period', async () => {
    const pool = createWorkerPool({
      queue: store,
      logger: silentLogger,
      pollIntervalMs: 20,
      process: (_claimed, signal) =>
        new Promise<InboundOutcome>((resolve) => {
          signal.addEventListener('abort', () =>
            resolve({ action: 'retry', reason: 'shutdown', retryAfterMs: 0 }),
          );
        }),
    });
    await admit('SM1');
    pool.start();
    await until(async () => pool.busy === 1);
    await pool.stop(50);
    expect(await store.countInbound()).toMatchObject({ pending: 1, claimed: 0 });
  });

  it('gives 16 turns at once signals of their own: one listener on the shared signal, each turn aborted at the end of the grace (issue 13, item 5)', async () => {
    const abort = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const pool = createWorkerPool({
        queue: store,
        logger: silentLogger,
        concurrency: 16,
        pollIntervalMs: 20,
        abort,
        // As the command agent does: a listener on the turn's signal for as long as the turn runs.
        process: (_claimed, signal) =>
          new Promise<InboundOutcome>((resolve) => {
            signal.addEventListener(
              'abort',
              () => resolve({ action: 'retry', reason: 'shutdown', retryAfterMs: 0 }),
              {
                once: true,
              },
            );
          }),
      });
      for (let i = 0; i < 16; i += 1) await admit(`SM${i}`, `+1202555${String(1000 + i)}`);
      pool.start();
      await until(async () => pool.busy === 16);
      expect(getEventListeners(abort.signal, 'abort')).toHaveLength(1);
      await pool.stop(0);
      expect(await store.countInbound()).toMatchObject({ pending: 16, claimed: 0 });
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  // Regression: a sender over senderTurnsPerMinute used to hold its worker while it waited out the minute, so
  // with one worker every other sender waited too.
  it('lets a second sender through while a chatty one waits out its pacing, with one worker', async () => {
    const CHATTY = '+12025550142';
    const OTHER = '+12025550143';
    const replied: string[] = [];
    const outbound: OutboundSender = {
      send: async (_account, to, parts) => {
        const text = parts.join('\n');
        replied.push(`${to} ${text}`);
        return { parts: [{ index: 0, body: text, sid: `SMout${replied.length}`, sentNow: true }] };
      },
    };
    const open = account({ dmPolicy: 'open', allowFrom: ['*'] });
    const pacing = { store, turnsPerMinute: 1 };
    const pool = createWorkerPool({
      queue: store,
      logger: silentLogger,
      concurrency: 1,
      pollIntervalMs: 20,
      process: (claimed, signal) =>
        processInbound(
          claimed,
          {
            account: () => open,
            optOuts: store,
            access: createStoreSenderAccess({ pairing: store.pairing }),
            agent: echo,
            drafts: store,
            outbound,
            pacing,
          },
          signal,
        ),
    });
    for (const sid of ['SMc1', 'SMc2', 'SMc3']) await admit(sid, CHATTY);
    await admit('SMo1', OTHER);
    pool.start();
    await until(async () => replied.length === 2);
    await pool.stop(1000);
    expect(replied).toEqual([`${CHATTY} You said: SMc1`, `${OTHER} You said: SMo1`]);
    // The paced message waits in the queue, not in a worker, and was not counted as a failed attempt.
    expect(await store.countInbound()).toMatchObject({ pending: 2, claimed: 0, completed: 2 });
    expect(await store.listDeadLetters()).toEqual([]);
    expect(await store.claimInbound()).toBeNull();
  });

  it('defers a message without counting an attempt', async () => {
    let claims = 0;
    const attempts: number[] = [];
    const pool = createWorkerPool({
      queue: store,
      logger: silentLogger,
      pollIntervalMs: 10,
      process: async (claimed) => {
        claims += 1;
        attempts.push(claimed.attempts);
        if (claims < 8) return { action: 'defer', reason: 'paced', retryAfterMs: 0 };
        return { action: 'complete', result: 'replied' };
      },
    });
    await admit('SM1');
    pool.start();
    await until(async () => (await store.countInbound()).completed === 1);
    await pool.stop(1000);
    expect(attempts).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('stops at once even when a claim that finds nothing ends after stop began', async () => {
    let claims = 0;
    let releaseClaim: () => void = () => {};
    const claimHeld = new Promise<void>((resolve) => {
      releaseClaim = resolve;
    });
    const pool = createWorkerPool({
      queue: new Proxy(store, {
        get(target, key) {
          if (key === 'claimInbound') {
            return async () => {
              claims += 1;
              // The first claim is still under way when stop() wakes the idle workers.
              if (claims === 1) await claimHeld;
              return null;
            };
          }
          const value = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
      logger: silentLogger,
      concurrency: 1,
      // Longer than the test's bound: a worker that waits one poll interval after stop fails the test.
      pollIntervalMs: 600_000,
      process: async () => ({ action: 'complete', result: 'replied' }),
    });
    pool.start();
    const stopped = pool.stop(600_000);
    releaseClaim();
    await stopped;
    expect(claims).toBe(1);
  });

  it('spends one claim per admitted message, not one per idle worker', async () => {
    let claims = 0;
    const counted = new Proxy(store, {
      get(target, key) {
        if (key === 'claimInbound') {
          return (...args: Parameters<SqliteGatewayStore['claimInbound']>) => {
            claims += 1;
            return target.claimInbound(...args);
          };
        }
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const pool = createWorkerPool({
      queue: counted,
      logger: silentLogger,
      concurrency: 16,
      pollIntervalMs: 600_000,
      process: async () => ({ action: 'complete', result: 'replied' }),
    });
    pool.start();
    // Every worker made its first claim, found nothing, and waits.
    await until(async () => claims === 16);
    claims = 0;
    await admit('SM1');
    pool.wake();
    await until(async () => (await store.countInbound()).completed === 1 && claims >= 3);
    // The woken worker's claim (found it), the next worker it woke (found nothing), and its own after the turn:
    // waking all 16 for one message cost 17.
    expect(claims).toBe(3);
    await pool.stop(1000);
  });

  it('spreads a backlog over every worker from one wake, each claim waking the next', async () => {
    let running = 0;
    let release: () => void = () => {};
    const allRunning = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pool = createWorkerPool({
      queue: store,
      logger: silentLogger,
      concurrency: 4,
      // No poll within the test's bound: only wakes can bring the other workers in.
      pollIntervalMs: 600_000,
      process: async () => {
        running += 1;
        if (running === 4) release();
        await allRunning;
        return { action: 'complete', result: 'replied' };
      },
    });
    pool.start();
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 1; i <= 8; i += 1) await admit(`SM${i}`, `+120255501${String(i).padStart(2, '0')}`);
    pool.wake();
    await allRunning;
    await until(async () => (await store.countInbound()).completed === 8);
    await pool.stop(1000);
  });

  it('logs one summary of settled messages per interval at info, the messages themselves at debug', async () => {
    const logger = createRecordingLogger();
    const { lines } = logger;
    const pool = createWorkerPool({
      queue: store,
      logger,
      pollIntervalMs: 20,
      process: async (claimed) =>
        claimed.messageSid === 'SM3'
          ? { action: 'dead-letter', reason: 'twilio 21211' }
          : { action: 'complete', result: 'replied' },
    });
    for (const sid of ['SM1', 'SM2', 'SM3']) await admit(sid, `+1202555014${sid.slice(2)}`);
    pool.start();
    await until(async () => {
      const counts = await store.countInbound();
      return counts.completed === 2 && counts.deadLettered === 1;
    });
    await pool.stop(1000);
    expect(lines.filter((line) => line.message === 'message handled').map((line) => line.level)).toEqual([
      'debug',
      'debug',
    ]);
    expect(lines.filter((line) => line.level === 'info')).toEqual([]);
    pool.summarize(60_000);
    expect(lines.filter((line) => line.level === 'info')).toEqual([
      {
        level: 'info',
        fields: { messages: 3, seconds: 60, results: { 'dead-lettered': 1, replied: 2 } },
        message: 'worker: 3 message(s) settled in the last 60 s',
      },
    ]);
    pool.summarize(60_000);
    expect(lines.filter((line) => line.level === 'info')).toHaveLength(1);
  });

  it('runs no more turns at once than the turn limit allows, and more as soon as it rises', async () => {
    const limit = createTurnLimit({ max: 3 });
    limit.update(100);
    limit.update(100);
    expect(limit.current).toBe(1);
    const release: (() => void)[] = [];
    const pool = createWorkerPool({
      queue: store,
      logger: silentLogger,
      concurrency: 3,
      pollIntervalMs: 20,
      limit,
      process: () =>
        new Promise<InboundOutcome>((resolve) => {
          release.push(() => resolve({ action: 'complete', result: 'replied' }));
        }),
    });
    for (const sid of ['SM1', 'SM2', 'SM3']) await admit(sid, `+1202555014${sid.slice(2)}`);
    pool.start();
    await until(async () => pool.busy === 1);
    // The two other workers are held, not polling: some polls later, still one turn and two messages queued.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(pool.busy).toBe(1);
    expect((await store.countInbound()).pending).toBe(2);
    limit.update(0);
    await until(async () => pool.busy === 2);
    limit.update(0);
    await until(async () => pool.busy === 3);
    for (const done of release) done();
    await until(async () => (await store.countInbound()).completed === 3);
    await pool.stop(1000);
  });

  it('names the lowest turn limit that held workers back in its summary', async () => {
    const logger = createRecordingLogger();
    const { lines } = logger;
    const limit = createTurnLimit({ max: 4 });
    limit.update(100);
    limit.update(100);
    const pool = createWorkerPool({
      queue: store,
      logger,
      concurrency: 4,
      pollIntervalMs: 20,
      limit,
      process: async () => ({ action: 'complete', result: 'replied' }),
    });
    for (const sid of ['SM1', 'SM2']) await admit(sid, `+1202555014${sid.slice(2)}`);
    pool.start();
    await until(async () => (await store.countInbound()).completed === 2);
    await pool.stop(1000);
    pool.summarize(60_000);
    expect(lines.filter((line) => line.level === 'info').map((line) => line.fields)).toEqual([
      { messages: 2, seconds: 60, results: { replied: 2 }, lowestTurnLimit: 1 },
    ]);
  });
});
