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

  // Regression: a sender was kept (an empty list) after its window passed, so memory grew with every sender.
  it('forgets senders whose last turn is more than a minute old', () => {
    const clock = { now: 0 };
    const pacer = new SenderPacer(1, () => clock.now);
    pacer.tryAcquire('a');
    pacer.tryAcquire('b');
    clock.now = 30_000;
    pacer.tryAcquire('c');
    expect(pacer.size).toBe(3);
    clock.now = 60_001;
    pacer.tryAcquire('d');
    expect(pacer.size).toBe(2);
    expect(pacer.tryAcquire('a')).toBe(0);
    expect(pacer.tryAcquire('c')).toBe(29_999);
  });
});
