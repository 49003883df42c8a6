const WINDOW_MS = 60_000;

/**
 * Per-sender pacing of assistant turns: at most `turnsPerMinute` turns start per sender in any minute; a
 * further turn is deferred until the window slides. Messages are never refused or dropped for it: Twilio does
 * not retry a webhook answered 429, so pacing belongs after the durable queue, not at the webhook.
 */
export class SenderPacer {
  readonly #limit: number;
  readonly #now: () => number;
  /** Turn starts per sender, oldest first; at most `#limit` each (a turn is only counted below the limit). */
  readonly #starts = new Map<string, number[]>();
  #nextSweep = 0;

  constructor(turnsPerMinute: number, now: () => number = Date.now) {
    this.#limit = turnsPerMinute;
    this.#now = now;
  }

  /** Milliseconds `key` must wait before its next turn may start (0: now). */
  waitMs(key: string): number {
    const now = this.#now();
    return this.#waitFor(this.#recent(key, now), now);
  }

  /**
   * Counts a turn for `key` and returns 0 when it may start now; otherwise counts nothing and returns how many
   * ms it must wait. The worker defers the message that long instead of holding its slot while waiting.
   */
  tryAcquire(key: string): number {
    const now = this.#now();
    this.#forgetIdle(now);
    const recent = this.#recent(key, now);
    const wait = this.#waitFor(recent, now);
    if (wait > 0) return wait;
    recent.push(now);
    this.#starts.set(key, recent);
    return 0;
  }

  /** Senders with a turn in the last minute or so (idle ones are forgotten once a minute). */
  get size(): number {
    return this.#starts.size;
  }

  #recent(key: string, now: number): number[] {
    return (this.#starts.get(key) ?? []).filter((at) => at > now - WINDOW_MS);
  }

  #waitFor(recent: readonly number[], now: number): number {
    if (recent.length < this.#limit) return 0;
    return (recent[recent.length - this.#limit] as number) + WINDOW_MS - now;
  }

  /** Memory follows the senders of the last minute, not every sender since start. */
  #forgetIdle(now: number): void {
    if (now < this.#nextSweep) return;
    this.#nextSweep = now + WINDOW_MS;
    for (const [key, starts] of this.#starts)
      if ((starts.at(-1) ?? 0) <= now - WINDOW_MS) this.#starts.delete(key);
  }
}
