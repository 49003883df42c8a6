const WINDOW_MS = 60_000;

/**
 * Per-sender pacing of assistant turns: at most `turnsPerMinute` turns start per sender in any minute; a
 * further turn is deferred until the window slides. Messages are never refused or dropped for it: Twilio does
 * not retry a webhook answered 429, so pacing belongs after the durable queue, not at the webhook.
 */
export class SenderPacer {
  readonly #limit: number;
  readonly #now: () => number;
  readonly #starts = new Map<string, number[]>();

  constructor(turnsPerMinute: number, now: () => number = Date.now) {
    this.#limit = turnsPerMinute;
    this.#now = now;
  }

  /** Milliseconds `key` must wait before its next turn may start (0: now). */
  waitMs(key: string): number {
    const recent = this.#recent(key);
    if (recent.length < this.#limit) return 0;
    return (recent[recent.length - this.#limit] as number) + WINDOW_MS - this.#now();
  }

  /**
   * Counts a turn for `key` and returns 0 when it may start now; otherwise counts nothing and returns how many
   * ms it must wait. The worker defers the message that long instead of holding its slot while waiting.
   */
  tryAcquire(key: string): number {
    const wait = this.waitMs(key);
    if (wait > 0) return wait;
    this.#recent(key).push(this.#now());
    return 0;
  }

  #recent(key: string): number[] {
    const cutoff = this.#now() - WINDOW_MS;
    const starts = (this.#starts.get(key) ?? []).filter((at) => at > cutoff);
    if (starts.length === 0) this.#starts.delete(key);
    this.#starts.set(key, starts);
    return starts;
  }
}
