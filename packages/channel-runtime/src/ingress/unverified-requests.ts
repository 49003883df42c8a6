/** One request whose signature is not checked yet. */
export interface UnverifiedEntry {
  /** Aborted when the request is cut off to make room for a newer one. */
  readonly signal: AbortSignal;
  /** The request's body was read (or its read failed): it no longer counts. Idempotent. */
  leave(): void;
}

export interface UnverifiedRequestsOptions {
  /** Entries one client address may hold at once. */
  maxPerAddress: number;
  /** Entries over all addresses at once. */
  max: number;
}

/**
 * The reason every cut-off aborts with: `abort()` without one builds a `DOMException` with a stack each time, 5% of
 * the gateway's CPU under a flood of cut-offs.
 */
const EVICTED = Object.freeze({ reason: 'evicted' as const });

interface Entry extends UnverifiedEntry {
  readonly address: string;
  readonly controller: AbortController;
}

/**
 * The requests being read before their signature can be checked, by client address. Before that check nothing
 * tells Twilio from an attacker, and behind a proxy or tunnel they share one address, so a full budget never
 * refuses the newcomer: it cuts off the oldest unfinished request of that address (past `maxPerAddress`) or of
 * any address (past `max`). Twilio sends a whole webhook at once, so its body is read within a round trip and it
 * is not the oldest for long; a slow sender holding a slot is. An attacker thus holds at most `maxPerAddress`
 * slots per address and `max` in all, and only until someone else needs them.
 */
export class UnverifiedRequests {
  readonly #maxPerAddress: number;
  readonly #max: number;
  /** Insertion-ordered: the first entry is the oldest. */
  readonly #all = new Set<Entry>();
  readonly #byAddress = new Map<string, Set<Entry>>();
  #evicted = 0;
  #peak = 0;
  #peakPerAddress = 0;
  #reported = 0;

  constructor(options: UnverifiedRequestsOptions) {
    if (!(options.maxPerAddress >= 1) || !(options.max >= 1)) {
      throw new RangeError(
        `UnverifiedRequests needs maxPerAddress and max of at least 1 (got ${options.maxPerAddress} and ${options.max})`,
      );
    }
    this.#maxPerAddress = options.maxPerAddress;
    this.#max = options.max;
  }

  /** Counts a new request from `address`, cutting off the oldest ones over the budgets. */
  enter(address: string): UnverifiedEntry {
    const controller = new AbortController();
    const entry: Entry = {
      address,
      controller,
      signal: controller.signal,
      leave: () => this.#remove(entry),
    };
    let mine = this.#byAddress.get(address);
    if (mine === undefined) {
      mine = new Set();
      this.#byAddress.set(address, mine);
    }
    mine.add(entry);
    this.#all.add(entry);
    this.#peak = Math.max(this.#peak, this.#all.size);
    this.#peakPerAddress = Math.max(this.#peakPerAddress, mine.size);
    if (mine.size > this.#maxPerAddress) this.#evict(mine.values().next().value);
    if (this.#all.size > this.#max) this.#evict(this.#all.values().next().value);
    return entry;
  }

  /** Unverified requests now, over all addresses. */
  get size(): number {
    return this.#all.size;
  }

  /** Unverified requests from `address` now. */
  countOf(address: string): number {
    return this.#byAddress.get(address)?.size ?? 0;
  }

  /** Requests cut off since this object was made. */
  get evicted(): number {
    return this.#evicted;
  }

  /**
   * The most unverified requests at once (overall and from one address, the newcomer counted before any cut)
   * and the requests cut off, since the previous call: what the periodic activity summary reports.
   */
  takeStats(): { peak: number; peakPerAddress: number; evicted: number } {
    const stats = {
      peak: this.#peak,
      peakPerAddress: this.#peakPerAddress,
      evicted: this.#evicted - this.#reported,
    };
    this.#reported = this.#evicted;
    this.#peak = this.#all.size;
    this.#peakPerAddress = 0;
    for (const mine of this.#byAddress.values())
      this.#peakPerAddress = Math.max(this.#peakPerAddress, mine.size);
    return stats;
  }

  #evict(entry: Entry | undefined): void {
    if (entry === undefined) return;
    this.#remove(entry);
    this.#evicted += 1;
    entry.controller.abort(EVICTED);
  }

  #remove(entry: Entry): void {
    if (!this.#all.delete(entry)) return;
    const mine = this.#byAddress.get(entry.address);
    mine?.delete(entry);
    if (mine?.size === 0) this.#byAddress.delete(entry.address);
  }
}
