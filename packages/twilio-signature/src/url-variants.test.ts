import { describe, expect, it } from 'vitest';
import { otherPortForm, signedUrlCandidates, withoutFragment } from './url-variants.js';

describe('otherPortForm', () => {
  it('adds :443 to an https URL without a port, :80 to any other scheme', () => {
    expect(otherPortForm('https://h.example/p?q=1')).toBe('https://h.example:443/p?q=1');
    expect(otherPortForm('http://h.example/p')).toBe('http://h.example:80/p');
    expect(otherPortForm('wss://h.example/p')).toBe('wss://h.example:80/p');
  });

  it('removes the default port, however it is written', () => {
    expect(otherPortForm('https://h.example:443/p')).toBe('https://h.example/p');
    expect(otherPortForm('HTTPS://h.example:0443/p')).toBe('HTTPS://h.example/p');
    expect(otherPortForm('http://h.example:80/p')).toBe('http://h.example/p');
    expect(otherPortForm('https://h.example:/p')).toBe('https://h.example/p');
  });

  it('has no other form for a URL on another port (issue 17: no port variant can apply)', () => {
    expect(otherPortForm('https://h.example:8443/p')).toBeUndefined();
    expect(otherPortForm('https://h.example:80/p')).toBeUndefined();
    expect(otherPortForm('http://127.0.0.1:8787/webhooks/sms')).toBeUndefined();
  });

  it('keeps user info and an IPv6 literal intact', () => {
    expect(otherPortForm('HTTPS://u:p@[2001:db8::7]/p')).toBe('HTTPS://u:p@[2001:db8::7]:443/p');
    expect(otherPortForm('https://u:p@[::1]:443/p')).toBe('https://u:p@[::1]/p');
  });

  it('has no other form for a URL without a scheme', () => {
    expect(otherPortForm('h.example/p')).toBeUndefined();
  });
});

describe('withoutFragment', () => {
  it("drops Twilio's #rc= connection overrides", () => {
    expect(withoutFragment('https://h.example/p?q=1#rc=3&rp=all')).toBe('https://h.example/p?q=1');
  });
});

describe('signedUrlCandidates', () => {
  it('tries the URL as given first, then with its default port toggled, before any parsing', () => {
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

  it('offers only the two default-port forms of a URL already normal, with a plain query', () => {
    expect([...signedUrlCandidates('https://sms.example.com/webhooks/sms?account=main')]).toEqual([
      'https://sms.example.com/webhooks/sms?account=main',
      'https://sms.example.com:443/webhooks/sms?account=main',
    ]);
  });

  it('offers the legacy query of a normal URL whose query it re-encodes', () => {
    expect([...signedUrlCandidates('https://h.example/p?a=b+c')]).toEqual([
      'https://h.example/p?a=b+c',
      'https://h.example:443/p?a=b+c',
      'https://h.example/p?a=b%20c',
      'https://h.example:443/p?a=b%20c',
    ]);
  });

  it('offers nothing but the URL itself for a normal URL on a non-default port', () => {
    expect([...signedUrlCandidates('http://127.0.0.1:8787/webhooks/sms')]).toEqual([
      'http://127.0.0.1:8787/webhooks/sms',
    ]);
  });

  it('normalises a URL on a non-default port without ever dropping that port', () => {
    expect([...signedUrlCandidates('https://H.example:8443/a b')]).toEqual([
      'https://H.example:8443/a b',
      'https://h.example:8443/a%20b',
    ]);
  });

  it('stops after the as-given variants when the URL cannot be parsed', () => {
    expect([...signedUrlCandidates('https://exa mple.com/p')]).toEqual([
      'https://exa mple.com/p',
      'https://exa mple.com:443/p',
    ]);
  });
});
