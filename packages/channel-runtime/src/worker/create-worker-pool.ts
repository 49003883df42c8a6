import type { ClaimedInbound, InboundQueue } from '@sms-channel/store';
import type { Logger } from '../logger.js';
import type { InboundOutcome } from './process-inbound.js';
import type { TurnLimit } from './turn-limit.js';

export interface WorkerPoolOptions {
  /** The store. */
  queue: Pick<
    InboundQueue,
    | 'claimInbound'
    | 'completeInbound'
    | 'failInbound'
    | 'deferInbound'
    | 'deadLetterInbound'
    | 'extendInboundLease'
  >;
  /** Handles one claimed message; must not throw (see `processInbound`). */
  process: (claimed: ClaimedInbound, signal: AbortSignal) => Promise<InboundOutcome>;
  logger: Logger;
  /** Messages handled at once. @default 4 */
  concurrency?: number;
  /** How often idle workers look for messages whose retry time came (new ones wake them at once). @default 1000 */
  pollIntervalMs?: number;
  /** Claim lease, renewed while a turn runs. @default 120000 */
  leaseMs?: number;
  /**
   * Aborted when the grace period of `stop` is over; share its signal with senders. Each turn gets a signal of
   * its own that follows this one (one listener on it for all turns), so an agent listening on its turn's signal
   * adds nothing to this long-lived one. @default a new one
   */
  abort?: AbortController;
  /**
   * Told when a message is dead-lettered (at once, or after its last attempt) because the assistant failed on it
   * (`assistantFailed` outcomes): the runtime texts the sender its one apology. Must not throw.
   */
  onAssistantGaveUp?: (claimed: ClaimedInbound) => Promise<void>;
  /**
   * How many of the `concurrency` workers may claim and run turns at once now (`createTurnLimit`, driven by the
   * event loop's delay): the others wait until it rises. @default all of them
   */
  limit?: TurnLimit;
}

export interface WorkerPool {
  start(): void;
  /**
   * A message was admitted: one idle worker looks now. A worker that claims a message wakes the next idle one, so
   * a backlog still spreads over every worker within a few claims, while one admit costs one claim, not one per
   * idle worker (64 claims, each a store write, per admit starved the acknowledgements' writes).
   */
  wake(): void;
  /** Logs, at `info`, how many messages were settled since the last call, per result (nothing when none). */
  summarize(intervalMs: number): void;
  /**
   * Stops claiming, lets turns in progress finish for `graceMs`, then aborts them (they are released to the
   * queue for a later retry) and resolves once every worker has stopped.
   */
  stop(graceMs: number): Promise<void>;
  /** Messages being handled now. */
  readonly busy: number;
}

/**
 * N workers claiming from the durable queue. Per-sender order is the queue's job (it hands out one message per
 * sender at a time); a worker settles each message by its outcome: complete, retry later (`failInbound`, with
 * Twilio's Retry-After when given), defer (`deferInbound`: not tried, e.g. paced, no attempt counted) or
 * dead-letter.
 */
export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const concurrency = options.concurrency ?? 4;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const leaseMs = options.leaseMs ?? 120_000;
  const { queue, logger } = options;
  const abort = options.abort ?? new AbortController();
  // One listener on the shared signal for every turn in progress: a listener per turn (the command agent adds
  // one to its turn's signal) would make Node warn past 10 turns at once, and AbortSignal.any per turn leaves an
  // entry per turn on the shared signal for good on Node 20 (issue 13, item 5).
  const turns = new Set<AbortController>();
  abort.signal.addEventListener(
    'abort',
    () => {
      for (const turn of turns) turn.abort(abort.signal.reason);
    },
    { once: true },
  );
  let stopping = false;
  let busy = 0;
  // Workers claiming or running a turn: what `limit` bounds.
  let active = 0;
  // The lowest limit since the last summary, for the operator.
  let lowestLimit = options.limit?.current;
  // Workers the limit holds back; `stop` lets them go. (Not a race with a long-lived "stopped" promise: every
  // race would leave a reaction on it until the pool stops, thousands a second while the limit holds workers.)
  const held = new Set<() => void>();
  /** Over the limit: waits until it rises or the pool stops (a turn ending lets its own worker go on instead). */
  const overLimit = () => {
    const limit = options.limit;
    if (limit === undefined || active < limit.current) return undefined;
    lowestLimit = Math.min(lowestLimit ?? limit.current, limit.current);
    return new Promise<void>((resolve) => {
      held.add(resolve);
      void limit.wait().then(() => {
        held.delete(resolve);
        resolve();
      });
    });
  };
  let wakers: (() => void)[] = [];
  const loops: Promise<void>[] = [];

  // Wakes that found no worker waiting (each was claiming, perhaps from before the admit): the next worker to
  // find the queue empty looks once more instead of sleeping until its poll, so no admit waits for a poll.
  let pendingWakes = 0;
  const idle = () => {
    // A claim that was under way when `stop` woke everyone must not start a wait of a whole poll interval: the
    // worker would hold `stop` that long (the 'wakes at once' test hung for its poll of 60 s on a loaded machine).
    if (stopping) return Promise.resolve();
    if (pendingWakes > 0) {
      pendingWakes -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, pollIntervalMs);
      function done() {
        clearTimeout(timer);
        // Gone from the waiters whether a wake or its own poll timer ended the wait.
        wakers = wakers.filter((waker) => waker !== done);
        resolve();
      }
      wakers.push(done);
    });
  };

  /** Wakes the idle worker that waited longest. */
  const wake = () => {
    const waiting = wakers.shift();
    if (waiting === undefined) pendingWakes = Math.min(pendingWakes + 1, concurrency);
    else waiting();
  };
  const wakeAll = () => {
    const waiting = wakers;
    wakers = [];
    for (const resolve of waiting) resolve();
  };
  let settled = new Map<string, number>();
  const count = (result: string) => settled.set(result, (settled.get(result) ?? 0) + 1);

  async function settle(claimed: ClaimedInbound, outcome: InboundOutcome, ms: number): Promise<void> {
    const base = {
      accountId: claimed.accountId,
      messageSid: claimed.messageSid,
      from: claimed.sender,
      attempt: claimed.attempts,
      ms,
    };
    if (outcome.action === 'complete') {
      await queue.completeInbound(claimed.id);
      // One line per message at `debug`, and a count in the periodic summary at `info`: a host that runs
      // its redaction over every plugin line paid for a line per message (issue 17).
      count(outcome.result);
      logger.debug({ ...base, result: outcome.result, ...outcome.detail }, 'message handled');
    } else if (outcome.action === 'defer') {
      // Given back without counting an attempt: the worker is free for other senders while this one waits.
      const result = await queue.deferInbound(claimed.id, {
        retryAfterMs: outcome.retryAfterMs,
        reason: outcome.reason,
      });
      const retryAt = result.ok ? new Date(result.retryAt).toISOString() : undefined;
      count('deferred');
      logger.debug({ ...base, reason: outcome.reason, retryAt }, 'message deferred');
    } else if (outcome.action === 'retry') {
      const result = await queue.failInbound(claimed.id, {
        reason: outcome.reason,
        ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }),
      });
      const dead = result.ok && result.outcome === 'dead-lettered';
      count(dead ? 'dead-lettered' : 'retried');
      if (dead && outcome.assistantFailed === true) await options.onAssistantGaveUp?.(claimed);
      const retryAt =
        result.ok && result.outcome === 'retry' ? new Date(result.retryAt).toISOString() : undefined;
      logger.warn(
        { ...base, reason: outcome.reason, retryAt },
        dead ? 'message dead-lettered after its last attempt' : 'message will be retried',
      );
    } else {
      await queue.deadLetterInbound(claimed.id, outcome.reason);
      count('dead-lettered');
      logger.error({ ...base, reason: outcome.reason, ...outcome.detail }, 'message dead-lettered');
      if (outcome.assistantFailed === true) await options.onAssistantGaveUp?.(claimed);
    }
  }

  async function handle(claimed: ClaimedInbound): Promise<void> {
    busy += 1;
    const started = performance.now();
    const heartbeat = setInterval(
      () => {
        queue
          .extendInboundLease(claimed.id, leaseMs)
          .catch((error: unknown) => logger.warn({ err: error }, 'lease renewal failed'));
      },
      Math.max(1000, Math.floor(leaseMs / 3)),
    );
    const turn = new AbortController();
    if (abort.signal.aborted) turn.abort(abort.signal.reason);
    turns.add(turn);
    try {
      const outcome = await options.process(claimed, turn.signal);
      await settle(claimed, outcome, Math.round(performance.now() - started));
    } catch (error) {
      // The store failed while settling: the lease lapses and the message is handed out again.
      logger.error({ err: error, messageSid: claimed.messageSid }, 'could not settle message');
    } finally {
      turns.delete(turn);
      clearInterval(heartbeat);
      busy -= 1;
    }
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      const wait = overLimit();
      if (wait !== undefined) {
        await wait;
        continue;
      }
      active += 1;
      let claimed: ClaimedInbound | null = null;
      try {
        claimed = await queue.claimInbound({ leaseMs });
      } catch (error) {
        if (stopping) {
          active -= 1;
          break;
        }
        logger.error({ err: error }, 'claiming from the queue failed');
      }
      if (claimed === null) {
        active -= 1;
        await idle();
      } else {
        // There may be more: the next idle worker looks too (a chain, one claim per message found).
        wake();
        try {
          await handle(claimed);
        } finally {
          active -= 1;
        }
      }
    }
  }

  return {
    get busy() {
      return busy;
    },
    start() {
      for (let i = 0; i < concurrency; i += 1) loops.push(loop());
    },
    wake,
    summarize(intervalMs) {
      const lowest = lowestLimit;
      lowestLimit = options.limit?.current;
      if (settled.size === 0) return;
      const results = Object.fromEntries([...settled].sort(([a], [b]) => a.localeCompare(b)));
      const total = [...settled.values()].reduce((sum, n) => sum + n, 0);
      const seconds = Math.round(intervalMs / 1000);
      settled = new Map();
      // Workers were held back for a busy event loop (acknowledgements first): how far, for the operator.
      const holding = lowest !== undefined && lowest < concurrency ? { lowestTurnLimit: lowest } : {};
      logger.info(
        { messages: total, seconds, results, ...holding },
        `worker: ${total} message(s) settled in the last ${seconds} s`,
      );
    },
    async stop(graceMs) {
      stopping = true;
      wakeAll();
      for (const release of held) release();
      held.clear();
      const all = Promise.all(loops);
      const graceful = await Promise.race([all.then(() => true), sleep(graceMs).then(() => false)]);
      if (!graceful) {
        logger.warn({ busy }, 'shutdown grace period over: releasing turns in progress');
        abort.abort();
        await all;
      }
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
