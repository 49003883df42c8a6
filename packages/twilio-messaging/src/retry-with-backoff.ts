import { setTimeout as delay } from 'node:timers/promises';
import { DEFAULT_RETRY, type RetryOptions, retryDelay } from './retry-delay.js';
import { sleepWithSharedAbort } from './shared-abort-sleep.js';

/** What `retryWithBackoff` reads from a failed attempt. */
export interface AttemptFailure {
  /** Whether the same request may succeed later (429, 5xx, no answer). */
  readonly retryable: boolean;
  /** The server's `Retry-After`, in ms. */
  readonly retryAfterMs?: number | undefined;
}

/** A retry about to happen. */
export interface BackoffNotice<F extends AttemptFailure> {
  /** The attempt that failed (1 = the first). */
  attempt: number;
  delayMs: number;
  error: F;
}

export interface RetryWithBackoffOptions<F extends AttemptFailure> extends RetryOptions {
  /** The failure a thrown error stands for; `undefined` rethrows the error as it is. */
  failureOf: (thrown: unknown) => F | undefined;
  /** The error thrown for a failure that ends the attempts (final, out of attempts, or its wait cut short). */
  giveUp: (failure: F, attempts: number) => Error;
  /** Called before each wait, e.g. to log it. */
  onRetry?: ((notice: BackoffNotice<F>) => void) | undefined;
  /** Waits (tests replace it). @default node's timers/promises setTimeout, ended by `signal` */
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Ends the attempts: no new attempt starts and a wait in progress stops (shutdown). */
  signal?: AbortSignal | undefined;
}

/**
 * Runs `attempt` until it succeeds. A retryable failure is tried again after `retryDelay` (exponential
 * backoff with jitter, never less than its `Retry-After`) unless that was the last attempt, its `Retry-After`
 * is longer than `maxRetryAfterMs` (the caller's queue waits instead of a blocked worker), or `signal`
 * aborted; then, as for a final failure, `giveUp` is thrown. `attempt` gets its number (1 = the first).
 */
export async function retryWithBackoff<T, F extends AttemptFailure>(
  attempt: (attempt: number) => Promise<T>,
  options: RetryWithBackoffOptions<F>,
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_RETRY.maxAttempts;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs;
  const { signal } = options;
  // Many sends wait out a Retry-After at once on the one shutdown signal: they share one listener on it.
  const sleep =
    options.sleep ?? ((ms: number) => (signal === undefined ? delay(ms) : sleepWithSharedAbort(ms, signal)));
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (thrown) {
      const failure = options.failureOf(thrown);
      if (failure === undefined) throw thrown;
      const tooLong = failure.retryAfterMs !== undefined && failure.retryAfterMs > maxRetryAfterMs;
      if (!failure.retryable || n >= maxAttempts || tooLong || signal?.aborted) {
        throw options.giveUp(failure, n);
      }
      const delayMs = retryDelay(n, failure.retryAfterMs, options);
      options.onRetry?.({ attempt: n, delayMs, error: failure });
      await sleep(delayMs).catch(() => {
        throw options.giveUp(failure, n);
      });
    }
  }
}
