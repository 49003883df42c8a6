/** The sliding-window rule of per-sender pacing, shared by every store implementation. */
import { requireCount } from './arguments.js';
import { StoreArgumentError } from './errors.js';
import type { SenderTurnLimit } from './sender-pacing.js';

/** Checks a pacing limit: `limit` at least 1, `windowMs` a non-negative integer. */
export function requireTurnLimit(value: SenderTurnLimit): SenderTurnLimit {
  const limit = requireCount('limit', value?.limit);
  if (limit < 1) throw new StoreArgumentError('limit', 'expected at least 1 turn per window');
  return { limit, windowMs: requireCount('windowMs', value.windowMs) };
}

/**
 * How long until another turn may start, given the sender's turn starts inside the window (ascending, each
 * later than `now - windowMs`): 0 while fewer than `limit`, else until the `limit`-th most recent leaves it.
 */
export function waitForTurn(
  starts: readonly number[],
  { limit, windowMs }: SenderTurnLimit,
  now: number,
): number {
  if (starts.length < limit) return 0;
  return Math.max((starts[starts.length - limit] as number) + windowMs - now, 1);
}
