import querystring from 'node:querystring';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withLegacyQuery } from './legacy-query.js';

/** What Twilio's SDK does with a normalised URL's query: node's querystring round trip. */
function nodeLegacy(url: string): string {
  const at = url.indexOf('?');
  if (at === -1 || at === url.length - 1) return url;
  return `${url.slice(0, at)}?${querystring.stringify(querystring.parse(url.slice(at + 1)))}`;
}

/** A query as WHATWG URL serialises it (pure ASCII), which is the only input withLegacyQuery gets. */
const serializedQuery = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.constantFrom(
        '&',
        '=',
        '+',
        '%',
        '%2',
        '%zz',
        '%27',
        '%C3%A9',
        '%E9',
        '%ED%A0%80',
        '%EF%BB%BF',
        "'",
        '1',
        '42',
      ),
    ),
    { maxLength: 12 },
  )
  .map((pieces) => new URL(`https://h.example/p?${pieces.join('')}`).href);

describe('withLegacyQuery', () => {
  it('keeps a query that starts with a second ?, as querystring does (a key named ?)', () => {
    for (const url of ['https://h.example/p??', 'https://h.example/p??a=1', 'https://h.example/p?%3F&?=2']) {
      expect(withLegacyQuery(url)).toBe(nodeLegacy(url));
    }
    expect(withLegacyQuery('https://h.example/p??')).toBe('https://h.example/p?%3F=');
  });

  it('round-trips a serialised query exactly like node:querystring parse + stringify', () => {
    fc.assert(
      fc.property(serializedQuery, (url) => {
        expect(withLegacyQuery(url)).toBe(nodeLegacy(url));
      }),
      { numRuns: 500 },
    );
  });

  it("escapes what encodeURIComponent escapes and unescapes the rest: @ becomes %40, %27 becomes '", () => {
    expect(withLegacyQuery('https://h.example/p?name=o%27brien&at=@&sp=a+b')).toBe(
      "https://h.example/p?name=o'brien&at=%40&sp=a%20b",
    );
  });

  it('groups repeated keys and puts integer-like keys first, as querystring does', () => {
    expect(withLegacyQuery('https://h.example/p?b=1&2=x&a=1&b=2&1=y')).toBe(
      'https://h.example/p?1=y&2=x&b=1&b=2&a=1',
    );
  });

  it('reads at most 1,000 &-separated pieces, empty pieces included', () => {
    const pieces = Array.from({ length: 999 }, (_, i) => `k${i}=v`);
    const url = `https://h.example/p?${pieces.join('&')}&&late=1`;
    expect(withLegacyQuery(url)).toBe(nodeLegacy(url));
    expect(withLegacyQuery(url)).not.toContain('late');
  });

  it('leaves a URL without a query, or with an empty one, unchanged', () => {
    expect(withLegacyQuery('https://h.example/p')).toBe('https://h.example/p');
    expect(withLegacyQuery('https://h.example/p?')).toBe('https://h.example/p?');
  });
});
