import { describe, expect, it } from 'vitest';
import { SenderPacer } from './sender-pacer.js';

describe('SenderPacer', () => {
  it('lets turnsPerMinute turns start at once, then makes the next wait for the window to slide', () => {
    const clock = { now: 0 };
    const pacer = new SenderPacer(2, () => clock.now);
    expect(pacer.tryAcquire('a')).toBe(0);
    clock.now = 10_000;
    expect(pacer.tryAcquire('a')).toBe(0);
    expect(pacer.waitMs('a')).toBe(50_000);
    expect(pacer.waitMs('b')).toBe(0);
    clock.now = 60_001;
    expect(pacer.waitMs('a')).toBe(0);
  });

  it('tryAcquire counts a turn that may start now, and counts nothing when it answers a wait', () => {
    const clock = { now: 0 };
    const pacer = new SenderPacer(1, () => clock.now);
    expect(pacer.tryAcquire('a')).toBe(0);
    clock.now = 20_000;
    expect(pacer.tryAcquire('a')).toBe(40_000);
    expect(pacer.tryAcquire('a')).toBe(40_000);
    expect(pacer.tryAcquire('b')).toBe(0);
    clock.now = 60_000;
    expect(pacer.tryAcquire('a')).toBe(0);
    expect(pacer.waitMs('a')).toBe(60_000);
  });
});
