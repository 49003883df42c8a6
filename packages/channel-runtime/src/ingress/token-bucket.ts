/** A token bucket: `capacity` tokens, refilled continuously at `refillPerSecond`. */
export interface TokenBucketOptions {
  capacity: number;
  refillPerSecond: number;
  /** @default Date.now */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets per key (a client IP, a route). `take` spends a token if there is one; `peek` says whether
 * one is left without spending it (to refuse a flooder before reading its body, and charge it only once the
 * request proved invalid). Keys whose bucket is full again are forgotten, so memory follows the keys active
 * in the last `capacity / refillPerSecond` seconds, bounded by `maxKeys`.
 */
export class KeyedTokenBuckets {
  readonly #capacity: number;
  readonly #refillPerMs: number;
  readonly #now: () => number;
  readonly #maxKeys: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: TokenBucketOptions & { maxKeys?: number }) {
    this.#capacity = options.capacity;
    this.#refillPerMs = options.refillPerSecond / 1000;
    this.#now = options.now ?? Date.now;
    this.#maxKeys = options.maxKeys ?? 10_000;
  }

  #current(key: string): Bucket {
    const now = this.#now();
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) return { tokens: this.#capacity, at: now };
    const tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.at) * this.#refillPerMs);
    return { tokens, at: now };
  }

  /** Whether `key` has a token left. */
  peek(key: string): boolean {
    return this.#current(key).tokens >= 1;
  }

  /** Spends a token of `key`; false (nothing spent) when none is left. */
  take(key: string): boolean {
    const bucket = this.#current(key);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    if (this.#buckets.size >= this.#maxKeys && !this.#buckets.has(key)) this.#sweep();
    this.#buckets.set(key, bucket);
    return true;
  }

  /** Milliseconds until `key` has a token again (0 when it has one). */
  waitMs(key: string): number {
    const missing = 1 - this.#current(key).tokens;
    return missing <= 0 ? 0 : Math.ceil(missing / this.#refillPerMs);
  }

  get size(): number {
    return this.#buckets.size;
  }

  #sweep(): void {
    for (const [key] of this.#buckets)
      if (this.#current(key).tokens >= this.#capacity) this.#buckets.delete(key);
    // Still full of active flooders: drop the oldest entries rather than grow without bound.
    for (const [key] of this.#buckets) {
      if (this.#buckets.size < this.#maxKeys) break;
      this.#buckets.delete(key);
    }
  }
}
