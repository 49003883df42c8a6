import { describe, expect, it } from 'vitest';
import { retryWithBackoff } from './retry-with-backoff.js';

class Failure extends Error {
  constructor(
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(retryable ? 'try again' : 'final');
  }
}

class GaveUp extends Error {
  constructor(
    readonly failure: Failure,
    readonly attempts: number,
  ) {
    super(`gave up after ${attempts}`);
  }
}

/** Fails with `failures` in order, then answers the attempt number. */
function attempts(...failures: Failure[]) {
  const seen: number[] = [];
  const run = async (attempt: number) => {
    seen.push(attempt);
    const failure = failures.shift();
    if (failure !== undefined) throw failure;
    return attempt;
  };
  return { run, seen };
}

const base = {
  failureOf: (thrown: unknown) => (thrown instanceof Failure ? thrown : undefined),
  giveUp: (failure: Failure, attempts: number) => new GaveUp(failure, attempts),
  random: () => 0,
};

describe('retryWithBackoff', () => {
  it('tries a retryable failure again after the backoff, passing each attempt its number', async () => {
    const waits: number[] = [];
    const { run, seen } = attempts(new Failure(true), new Failure(true));
    const result = await retryWithBackoff(run, {
      ...base,
      baseDelayMs: 100,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(result).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
    expect(waits).toEqual([50, 100]);
  });

  it('gives up at once on a final failure', async () => {
    const { run, seen } = attempts(new Failure(false));
    const error = await retryWithBackoff(run, { ...base, sleep: async () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GaveUp);
    expect(error).toMatchObject({ attempts: 1, failure: { retryable: false } });
    expect(seen).toEqual([1]);
  });

  it('rethrows an error that failureOf does not recognise, as it is', async () => {
    const strange = new TypeError('not a request failure');
    const error = await retryWithBackoff(
      async () => {
        throw strange;
      },
      { ...base, sleep: async () => {} },
    ).catch((e: unknown) => e);
    expect(error).toBe(strange);
  });

  it('gives up on a Retry-After longer than maxRetryAfterMs instead of waiting it out', async () => {
    const { run, seen } = attempts(new Failure(true, 120_000));
    const error = await retryWithBackoff(run, { ...base, sleep: async () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GaveUp);
    expect(seen).toEqual([1]);
  });

  it('gives up when its signal aborts during a wait', async () => {
    const controller = new AbortController();
    const { run, seen } = attempts(new Failure(true, 30_000));
    const pending = retryWithBackoff(run, { ...base, signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toMatchObject({ attempts: 1 });
    expect(seen).toEqual([1]);
  });
});

describe('retryWithBackoff under many concurrent waits', () => {
  it('waits on one shared signal from 20 retries at once without a MaxListenersExceeded warning (issue 13, item 5)', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const shutdown = new AbortController();
      const runs = Array.from({ length: 20 }, () => {
        const { run } = attempts(new Failure(true, 5));
        return retryWithBackoff(run, { ...base, maxAttempts: 2, signal: shutdown.signal }).catch(
          (e: unknown) => e,
        );
      });
      await Promise.all(runs);
      // Node emits process warnings on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
