/** How `retryWithBackoff` (`sendSms`, the `openai` agent) spaces its attempts. */
export interface RetryOptions {
  /** Requests at most, the first one included. @default 4 */
  maxAttempts?: number;
  /** Wait before the first retry; it doubles per retry. @default 500 */
  baseDelayMs?: number;
  /** Longest wait between two attempts from the backoff alone. @default 20000 */
  maxDelayMs?: number;
  /**
   * Longest `Retry-After` waited out in-process. A longer one ends the attempts at once with a retryable
   * error carrying `retryAfterMs`, so the queue (not a blocked worker) waits. @default 60000
   */
  maxRetryAfterMs?: number;
  /** Random numbers in [0, 1) for the jitter. @default Math.random */
  random?: () => number;
}

export const DEFAULT_RETRY = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
} as const;

/**
 * The wait before retry number `retry` (1 for the first retry): exponential backoff with "equal jitter"
 * (half fixed, half random, so senders that failed together do not retry together), never less than the
 * server's `Retry-After`.
 */
export function retryDelay(
  retry: number,
  retryAfterMs: number | undefined,
  options: RetryOptions = {},
): number {
  const base = options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
  const max = options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  const random = options.random ?? Math.random;
  const exponential = Math.min(max, base * 2 ** Math.max(0, retry - 1));
  const jittered = Math.round(exponential / 2 + (exponential / 2) * random());
  return Math.max(jittered, retryAfterMs ?? 0);
}
