/**
 * `ping`: whether the database answers, for a readiness check. The store's own traffic already says so: a call
 * that succeeded within the last `freshMs` (and no connection failure since) answers at once, without queueing
 * behind a busy pool (a saturated pool is a slow store, not an unreachable one, and a load balancer that took
 * it for down would send its load to the other instances). An idle store, or one whose last call could not reach
 * the server, asks with `SELECT 1`.
 */
import { StoreClosedError } from '../errors.js';
import type { PgContext } from './postgres-context.js';

/** How recent a successful call must be to answer a ping by itself. */
export const PING_FRESH_MS = 1000;

export function createPostgresPing(
  ctx: Pick<PgContext, 'query' | 'health' | 'closed' | 'location'>,
  freshMs = PING_FRESH_MS,
): () => Promise<void> {
  return async () => {
    if (ctx.closed) throw new StoreClosedError(ctx.location.label);
    const { lastAnsweredAt, lastUnreachableAt } = ctx.health;
    if (lastAnsweredAt > lastUnreachableAt && performance.now() - lastAnsweredAt < freshMs) return;
    await ctx.query('SELECT 1');
  };
}
