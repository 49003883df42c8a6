/** Defaults every store implementation shares, so SQLite and PostgreSQL behave alike when given no option. */

const minute = 60_000;
const day = 24 * 60 * minute;

/** How long completed messages and the logs are kept. */
export const defaultRetentionMs = 7 * day;
/** Claim lease when `claimInbound` is given none. */
export const defaultLeaseMs = 5 * minute;
/** Claims of one message before it is dead-lettered, when `failInbound` is given none. */
export const defaultMaxAttempts = 5;

/** Retry delay when `failInbound` is given none: 1 s, doubling per attempt, at most 5 minutes. */
export function defaultRetryDelayMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(attempts - 1, 0), 5 * minute);
}

/** Queue settings of a store (see the `openStore` / `openPostgresStore` options). */
export interface QueueSettings {
  leaseMs: number;
  maxAttempts: number;
  /** Delay before retry number `attempts + 1` when the caller gives none. */
  retryDelayMs: (attempts: number) => number;
}
