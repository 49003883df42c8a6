import { describe, expect, it } from 'vitest';
import { isChannelRuntimeError } from '../errors.js';
import { createTurnLimit } from './turn-limit.js';

describe('createTurnLimit', () => {
  it('starts at initial, at most the pool size', () => {
    expect(createTurnLimit({ max: 64 }).current).toBe(4);
    expect(createTurnLimit({ max: 64, initial: 16 }).current).toBe(16);
    expect(createTurnLimit({ max: 2 }).current).toBe(2);
  });

  it('halves the limit for each sample whose delay went above highMs, down to min', () => {
    const limit = createTurnLimit({ max: 64, initial: 64, min: 2 });
    expect([50, 11, 10.5, 200, 30, 12].map((ms) => limit.update(ms))).toEqual([32, 16, 8, 4, 2, 2]);
  });

  it('grows the limit by one per calm sample while a worker waits for it, and lets the waiters go', async () => {
    const limit = createTurnLimit({ max: 3, initial: 1 });
    let woken = 0;
    void limit.wait().then(() => {
      woken += 1;
    });
    expect(limit.update(2.9)).toBe(2);
    await Promise.resolve();
    expect(woken).toBe(1);
    // Nobody waits now: a calm loop alone does not grow the limit (a quiet spell must not open it wide).
    expect([0, 0, 0].map((ms) => limit.update(ms))).toEqual([2, 2, 2]);
    void limit.wait();
    expect([0, 0].map((ms) => limit.update(ms))).toEqual([3, 3]);
  });

  it('keeps the limit while the delay is between lowMs and highMs', () => {
    const limit = createTurnLimit({ max: 8, initial: 8 });
    limit.update(20);
    void limit.wait();
    expect([3, 7, 10].map((ms) => limit.update(ms))).toEqual([4, 4, 4]);
  });

  it('refuses thresholds out of order or negative, naming the option', () => {
    for (const bad of [
      { max: 4, lowMs: 10, highMs: 5 },
      { max: 4, lowMs: 5, highMs: 5 },
      { max: 4, lowMs: -1 },
      { max: 4, min: 0 },
      { max: 4, initial: 0 },
      { max: 0 },
    ]) {
      let caught: unknown;
      try {
        createTurnLimit(bad);
      } catch (error) {
        caught = error;
      }
      expect(isChannelRuntimeError(caught), JSON.stringify(bad)).toBe(true);
      expect((caught as Error).message).toMatch(/turnLimit|workers/);
    }
  });
});
