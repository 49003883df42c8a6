import { describe, expect, it } from 'vitest';
import { signedUrlCandidates, withDefaultPort, withoutFragment, withoutPort } from './url-variants.js';

describe('withDefaultPort', () => {
  it('adds :443 to an https URL without a port', () => {
    expect(withDefaultPort('https://h.example/p?q=1')).toBe('https://h.example:443/p?q=1');
  });

  it('adds :80 to any other scheme', () => {
    expect(withDefaultPort('http://h.example/p')).toBe('http://h.example:80/p');
    expect(withDefaultPort('wss://h.example/p')).toBe('wss://h.example:80/p');
  });

  it('keeps user info and an IPv6 literal intact', () => {
    expect(withDefaultPort('HTTPS://u:p@[2001:db8::7]/p')).toBe('HTTPS://u:p@[2001:db8::7]:443/p');
  });

  it('leaves a URL that already has a port, or no scheme, unchanged', () => {
    expect(withDefaultPort('https://h.example:8443/p')).toBe('https://h.example:8443/p');
    expect(withDefaultPort('h.example/p')).toBe('h.example/p');
  });
});

describe('withoutPort', () => {
  it('drops any port, default or not, as the SDK does', () => {
    expect(withoutPort('https://h.example:443/p')).toBe('https://h.example/p');
    expect(withoutPort('https://h.example:8443/p')).toBe('https://h.example/p');
  });

  it('does not mistake the colons of an IPv6 literal or of user info for a port', () => {
    expect(withoutPort('https://u:p@[::1]/p')).toBe('https://u:p@[::1]/p');
    expect(withoutPort('https://u:p@[::1]:9000/p')).toBe('https://u:p@[::1]/p');
  });
});

describe('withoutFragment', () => {
  it("drops Twilio's #rc= connection overrides", () => {
    expect(withoutFragment('https://h.example/p?q=1#rc=3&rp=all')).toBe('https://h.example/p?q=1');
  });
});

describe('signedUrlCandidates', () => {
  it('tries the URL as given first, then with its port toggled, before any parsing', () => {
    const candidates = [...signedUrlCandidates("https://h.example/a b?x=it's")];
    expect(candidates.slice(0, 2)).toEqual([
      "https://h.example/a b?x=it's",
      "https://h.example:443/a b?x=it's",
    ]);
  });

  it('then offers the normalised URL with and without port, each also with the legacy query', () => {
    const candidates = [...signedUrlCandidates("https://h.example/a b?x=it's")];
    expect(candidates.slice(2)).toEqual([
      'https://h.example/a%20b?x=it%27s',
      'https://h.example:443/a%20b?x=it%27s',
      "https://h.example/a%20b?x=it's",
      "https://h.example:443/a%20b?x=it's",
    ]);
  });

  it('stops after the as-given variants when the URL cannot be parsed', () => {
    expect([...signedUrlCandidates('https://exa mple.com/p')]).toEqual([
      'https://exa mple.com/p',
      'https://exa mple.com:443/p',
    ]);
  });
});
