import { describe, expect, it } from 'vitest';
import { isChannelRuntimeError } from '../errors.js';
import { createTurnLimit } from './turn-limit.js';

describe('createTurnLimit', () => {
  it('starts at the pool size', () => {
    expect(createTurnLimit({ max: 64 }).current).toBe(64);
  });

  it('halves the limit for each sample whose delay went above highMs, down to min', () => {
    const limit = createTurnLimit({ max: 64, min: 2 });
    expect([50, 11, 10.5, 200, 30, 12].map((u) => limit.update(u))).toEqual([32, 16, 8, 4, 2, 2]);
  });

  it('grows the limit by one for each sample whose delay stayed below lowMs, up to max, and tells listeners', () => {
    const limit = createTurnLimit({ max: 3 });
    limit.update(100);
    limit.update(100);
    let raised = 0;
    limit.onRaise(() => {
      raised += 1;
    });
    expect([0.5, 2.9, 1, 0].map((ms) => limit.update(ms))).toEqual([2, 3, 3, 3]);
    expect(raised).toBe(2);
  });

  it('keeps the limit while the delay is between lowMs and highMs', () => {
    const limit = createTurnLimit({ max: 8 });
    limit.update(20);
    expect([3, 7, 10].map((ms) => limit.update(ms))).toEqual([4, 4, 4]);
  });

  it('stops telling a listener that unsubscribed', () => {
    const limit = createTurnLimit({ max: 4 });
    limit.update(100);
    let raised = 0;
    const unsubscribe = limit.onRaise(() => {
      raised += 1;
    });
    unsubscribe();
    limit.update(0);
    expect(raised).toBe(0);
  });

  it('refuses thresholds out of order or negative, naming the option', () => {
    for (const bad of [
      { max: 4, lowMs: 10, highMs: 5 },
      { max: 4, lowMs: 5, highMs: 5 },
      { max: 4, lowMs: -1 },
      { max: 4, min: 0 },
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
