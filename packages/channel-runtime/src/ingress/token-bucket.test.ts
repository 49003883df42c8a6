import { describe, expect, it } from 'vitest';
import { KeyedTokenBuckets } from './token-bucket.js';

function clock() {
  const state = { now: 0 };
  return { state, now: () => state.now };
}

describe('KeyedTokenBuckets', () => {
  it('allows a burst of capacity, then refuses until tokens refill', () => {
    const { state, now } = clock();
    const buckets = new KeyedTokenBuckets({ capacity: 2, refillPerSecond: 1, now });
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([true, true, false]);
    expect(buckets.waitMs('a')).toBe(1000);
    state.now = 1000;
    expect(buckets.take('a')).toBe(true);
  });

  it('keeps keys apart', () => {
    const buckets = new KeyedTokenBuckets({ capacity: 1, refillPerSecond: 1, now: () => 0 });
    expect(buckets.take('a')).toBe(true);
    expect(buckets.take('b')).toBe(true);
    expect(buckets.peek('a')).toBe(false);
  });

  it('peek spends nothing', () => {
    const buckets = new KeyedTokenBuckets({ capacity: 1, refillPerSecond: 1, now: () => 0 });
    expect(buckets.peek('a')).toBe(true);
    expect(buckets.peek('a')).toBe(true);
    expect(buckets.take('a')).toBe(true);
  });

  it('never holds more than maxKeys keys', () => {
    const buckets = new KeyedTokenBuckets({
      capacity: 5,
      refillPerSecond: 0.001,
      now: () => 0,
      maxKeys: 100,
    });
    for (let i = 0; i < 1000; i += 1) buckets.take(`ip-${i}`);
    expect(buckets.size).toBeLessThanOrEqual(100);
  });
});
