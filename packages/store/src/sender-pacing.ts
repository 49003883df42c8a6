/**
 * Per-sender pacing of assistant turns, kept in the store so it holds across several gateway processes on one
 * database: at most `limit` turns start per sender in any sliding window of `windowMs`. A turn over the limit
 * is not refused: the worker defers its message (`deferInbound`) for the wait this answers. Twilio does not
 * retry a webhook answered 429, so pacing belongs after the durable queue, never at the webhook.
 */

/** The pace `tryAcquireSenderTurn` enforces. */
export interface SenderTurnLimit {
  /** Turn starts allowed per sender in any window. At least 1. */
  limit: number;
  /** The sliding window, in ms (e.g. 60000 for "per minute"). Keep it fixed per store. */
  windowMs: number;
}

/** The pacing part of a gateway store. */
export interface SenderPacing {
  /**
   * 0 when a turn of `sender` may start now (and counts it); otherwise counts nothing and answers how many ms
   * to wait before one may. Atomic across processes sharing the store.
   */
  tryAcquireSenderTurn(accountId: string, sender: string, limit: SenderTurnLimit): Promise<number>;
}
