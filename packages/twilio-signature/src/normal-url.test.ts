import querystring from 'node:querystring';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinUrl, urlPartsArb } from './__fixtures__/arbitraries.js';
import { isNormalUrl, isStableUnderLegacyQuery } from './normal-url.js';
import { otherPortForm } from './url-variants.js';

const RUNS = { numRuns: 500 };

/** Node's legacy round trip of a URL's query, as Twilio's SDK applies it. */
function nodeLegacy(url: string): string {
  const at = url.indexOf('?');
  if (at === -1 || at === url.length - 1) return url;
  return `${url.slice(0, at)}?${querystring.stringify(querystring.parse(url.slice(at + 1)))}`;
}

const plainChar = fc.constantFrom(...'abcXYZ019-._~!$&()*+,;=:@/'.split(''));
const plainText = fc.array(plainChar, { maxLength: 6 }).map((chars) => chars.join(''));

/** URLs near the boundary of what isNormalUrl accepts, so that both answers come up often. */
const plainishUrlArb = fc
  .record({
    scheme: fc.constantFrom('http', 'https', 'HTTPS'),
    host: fc.oneof(
      fc.domain(),
      fc.ipV4(),
      fc.constantFrom('127.0.0.1', '127.1', '10.0.0.010', 'h.0x1f', 'xn--bcher-kva.example', 'a..b', 'h.1'),
    ),
    port: fc.constantFrom('', '', ':443', ':80', ':8787', ':0', ':65536', ':'),
    path: fc
      .array(fc.oneof(plainText, fc.constantFrom('.', '..', "it's", '%2e', 'a b')), { maxLength: 3 })
      .map((segments) => `/${segments.join('/')}`),
    query: fc.oneof(
      fc.constant(''),
      fc.constant('?'),
      fc
        .array(
          fc.oneof(
            fc.tuple(plainText, plainText).map(([k, v]) => `${k}=${v}`),
            fc.constantFrom('a=1', 'a=2', '1=x', 'flag', '', "q='", 'p=%41'),
          ),
          { minLength: 1, maxLength: 4 },
        )
        .map((pairs) => `?${pairs.join('&')}`),
    ),
  })
  .map((p) => `${p.scheme}://${p.host}${p.port}${p.path}${p.query}`);

const anyUrlArb = fc.oneof(
  plainishUrlArb,
  urlPartsArb.map((parts) => joinUrl(parts)),
);

describe('isNormalUrl', () => {
  it('holds only for URLs that WHATWG serialises as themselves or without their default port', () => {
    fc.assert(
      fc.property(anyUrlArb, (url) => {
        if (!isNormalUrl(url)) return;
        const forms = [url, otherPortForm(url)];
        expect(forms).toContain(new URL(url).href);
      }),
      RUNS,
    );
  });

  it('holds for the URLs a gateway checks most: configured https URLs and its listen address', () => {
    expect(isNormalUrl('https://sms.example.com/webhooks/sms')).toBe(true);
    expect(isNormalUrl('https://sms.example.com:443/webhooks/sms?account=main')).toBe(true);
    expect(isNormalUrl('http://127.0.0.1:8787/webhooks/sms')).toBe(true);
  });

  it('does not hold for URLs WHATWG rewrites', () => {
    for (const url of [
      'HTTPS://h.example/p',
      'https://H.example/p',
      'https://h.example',
      'https://h.example/a b',
      'https://h.example/a/../b',
      'https://h.example/a/%2e%2e/b',
      "https://h.example/p?x=it's",
      'https://127.1/p',
      'https://xn--bcher-kva.example/p',
      'https://u@h.example/p',
    ]) {
      expect(isNormalUrl(url), url).toBe(false);
    }
  });
});

describe('isStableUnderLegacyQuery', () => {
  it('holds only when node:querystring leaves the query unchanged', () => {
    fc.assert(
      fc.property(anyUrlArb, (url) => {
        let serialized: string;
        try {
          serialized = new URL(url).href;
        } catch {
          return;
        }
        if (isStableUnderLegacyQuery(serialized)) expect(nodeLegacy(serialized)).toBe(serialized);
      }),
      RUNS,
    );
  });

  it('holds for a URL without a query and for distinct plain name=value pairs', () => {
    expect(isStableUnderLegacyQuery('https://h.example/p')).toBe(true);
    expect(isStableUnderLegacyQuery('https://h.example/p?')).toBe(true);
    expect(isStableUnderLegacyQuery('https://h.example/p?account=main&x=')).toBe(true);
  });

  it('does not hold for what the round trip re-encodes or reorders', () => {
    for (const url of [
      'https://h.example/p?a=b+c',
      'https://h.example/p?flag',
      'https://h.example/p?a=1&&b=2',
      'https://h.example/p?a=1&b=2&a=3',
      'https://h.example/p?b=1&2=x',
      'https://h.example/p?n=%41',
    ]) {
      expect(isStableUnderLegacyQuery(url), url).toBe(false);
    }
  });
});
