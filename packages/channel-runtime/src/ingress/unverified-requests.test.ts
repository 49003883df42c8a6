import { describe, expect, it } from 'vitest';
import { UnverifiedRequests } from './unverified-requests.js';

describe('UnverifiedRequests', () => {
  it("cuts off the address's oldest entry when the address goes past its budget, never the newcomer", () => {
    const requests = new UnverifiedRequests({ maxPerAddress: 2, max: 100 });
    const [a, b, c] = [requests.enter('x'), requests.enter('x'), requests.enter('x')];
    expect([a.signal.aborted, b.signal.aborted, c.signal.aborted]).toEqual([true, false, false]);
    expect(requests.countOf('x')).toBe(2);
    expect(requests.evicted).toBe(1);
  });

  it('leaves the entries of other addresses alone when one address goes past its budget', () => {
    const requests = new UnverifiedRequests({ maxPerAddress: 1, max: 100 });
    const other = requests.enter('y');
    requests.enter('x');
    requests.enter('x');
    expect(other.signal.aborted).toBe(false);
    expect(requests.size).toBe(2);
  });

  it('cuts off the oldest entry of any address past the overall budget', () => {
    const requests = new UnverifiedRequests({ maxPerAddress: 10, max: 2 });
    const first = requests.enter('x');
    const second = requests.enter('y');
    requests.enter('z');
    expect([first.signal.aborted, second.signal.aborted]).toEqual([true, false]);
    expect(requests.countOf('x')).toBe(0);
  });

  it('frees the slot of an entry that leaves, so it is no longer the one cut off', () => {
    const requests = new UnverifiedRequests({ maxPerAddress: 2, max: 100 });
    const done = requests.enter('x');
    const waiting = requests.enter('x');
    done.leave();
    done.leave();
    requests.enter('x');
    expect(waiting.signal.aborted).toBe(false);
    expect(requests.countOf('x')).toBe(2);
  });

  it('forgets an address once it holds no entry', () => {
    const requests = new UnverifiedRequests({ maxPerAddress: 2, max: 100 });
    requests.enter('x').leave();
    expect(requests.countOf('x')).toBe(0);
    expect(requests.size).toBe(0);
  });

  it('refuses budgets below 1, naming them', () => {
    expect(() => new UnverifiedRequests({ maxPerAddress: 0, max: 1 })).toThrow(/maxPerAddress and max/);
  });

  it('reports the peaks and the cut-offs since the previous report', () => {
    const requests = new UnverifiedRequests({ maxPerAddress: 2, max: 100 });
    const entries = [requests.enter('x'), requests.enter('x'), requests.enter('x'), requests.enter('y')];
    expect(requests.takeStats()).toEqual({ peak: 3, peakPerAddress: 3, evicted: 1 });
    for (const entry of entries) entry.leave();
    requests.enter('z');
    expect(requests.takeStats()).toEqual({ peak: 3, peakPerAddress: 2, evicted: 0 });
  });
});
