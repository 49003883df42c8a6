import { describe, expect, it } from 'vitest';
import { headerValue, parseRetryAfter } from './retry-after.js';

describe('parseRetryAfter', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('2')).toBe(2000);
  });

  it('reads an HTTP-date as the time left until then', () => {
    const now = Date.parse('Thu, 26 Nov 2026 15:00:00 GMT');
    expect(parseRetryAfter('Thu, 26 Nov 2026 15:00:30 GMT', now)).toBe(30_000);
  });

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:00 GMT')).toBe(0);
  });

  it('ignores garbage rather than stalling', () => {
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('headerValue', () => {
  it('finds a header whatever its casing', () => {
    expect(headerValue({ 'Retry-After': '3' }, 'retry-after')).toBe('3');
  });

  it('uses a get method when the headers object has one', () => {
    expect(headerValue(new Headers({ 'retry-after': '4' }), 'Retry-After')).toBe('4');
  });
});
