import { describe, expect, it } from 'vitest';
import { type ForwardedUrlParts, forwardedRequestUrl } from './request-url.js';

const base: ForwardedUrlParts = {
  forwardedProto: undefined,
  forwardedHost: undefined,
  scheme: 'http',
  host: 'internal:3000',
  pathAndQuery: '/webhooks/sms?account=main',
};

describe('forwardedRequestUrl', () => {
  it('uses the first X-Forwarded-Proto and X-Forwarded-Host values, written by the client-facing proxy', () => {
    const parts = { ...base, forwardedProto: 'https, http', forwardedHost: 'sms.example.com, internal' };
    expect(forwardedRequestUrl(parts)).toBe('https://sms.example.com/webhooks/sms?account=main');
  });

  it("falls back to the request's own scheme and Host", () => {
    expect(forwardedRequestUrl(base)).toBe('http://internal:3000/webhooks/sms?account=main');
  });

  it('refuses a host that would move the URL elsewhere', () => {
    for (const forwardedHost of ['evil.example/x', 'a@evil.example', 'a b', 'evil.example?', '']) {
      const url = forwardedRequestUrl({ ...base, forwardedHost, host: undefined });
      expect(url, forwardedHost).toBeUndefined();
    }
  });

  it('refuses a scheme other than http or https', () => {
    expect(forwardedRequestUrl({ ...base, forwardedProto: 'javascript' })).toBeUndefined();
  });

  it('refuses a path that is not origin-relative', () => {
    expect(forwardedRequestUrl({ ...base, pathAndQuery: '//evil.example/x' })).toBeUndefined();
    expect(forwardedRequestUrl({ ...base, pathAndQuery: 'http://evil.example/x' })).toBeUndefined();
  });

  it('accepts a bracketed IPv6 host with a port', () => {
    expect(forwardedRequestUrl({ ...base, host: '[::1]:8080' })).toBe(
      'http://[::1]:8080/webhooks/sms?account=main',
    );
  });
});
