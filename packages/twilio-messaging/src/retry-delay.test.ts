import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-delay.js';

describe('retryDelay', () => {
  it('doubles per retry between half and all of the exponential step', () => {
    expect(retryDelay(1, undefined, { baseDelayMs: 100, random: () => 0 })).toBe(50);
    expect(retryDelay(1, undefined, { baseDelayMs: 100, random: () => 0.999_999 })).toBe(100);
    expect(retryDelay(3, undefined, { baseDelayMs: 100, random: () => 0 })).toBe(200);
  });

  it('never waits less than Retry-After', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.nat(120_000),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (n, after, r) => {
          expect(retryDelay(n, after, { random: () => r })).toBeGreaterThanOrEqual(after);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays within maxDelayMs when there is no Retry-After', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (n, r) => {
        expect(retryDelay(n, undefined, { maxDelayMs: 5000, random: () => r })).toBeLessThanOrEqual(5000);
      }),
      { numRuns: 200 },
    );
  });
});
