import { describe, expect, it } from 'vitest';
import { readConnectionOverrides } from './connection-overrides.js';

describe('readConnectionOverrides', () => {
  it('reads nothing from a URL without a fragment', () => {
    expect(readConnectionOverrides('https://x.example/sms?rc=3')).toEqual({});
  });

  it('reads the retry count and the shorter of the read and total timeouts', () => {
    expect(readConnectionOverrides('https://x.example/sms#rc=2&rt=3000&tt=5000&ct=100')).toEqual({
      retries: 2,
      timeoutMs: 3000,
    });
  });

  it('caps retries at 5 and timeouts at 15 s, and skips malformed values', () => {
    expect(readConnectionOverrides('https://x.example/sms#rc=99&rt=99999')).toEqual({
      retries: 5,
      timeoutMs: 15_000,
    });
    expect(readConnectionOverrides('https://x.example/sms#rc=-1&rt=soon')).toEqual({});
  });
});
