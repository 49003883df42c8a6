/**
 * Agreement with Twilio's own Node SDK (`twilio` devDependency), the reference implementation:
 * on random URLs, params and tokens our verdicts and signatures must equal the SDK's, except for
 * the two pinned, intended differences: a URL #fragment, which Twilio never signs, and a signature
 * over the URL with its non-default port removed, which cannot be genuine (issue 17).
 */
import querystring from 'node:querystring';
import fc from 'fast-check';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import {
  authTokenArb,
  defaultPortOf,
  joinUrl,
  paramsArb,
  type UrlParts,
  urlPartsArb,
} from './__fixtures__/arbitraries.js';
import { computeBodyHash, computeSignature } from './compute-signature.js';
import { checkSignature } from './signature-check.js';

const RUNS = { numRuns: 300 };

/** The SDK's verdict, with a throw (it parses some URLs with `new URL`) counted as a refusal. */
function sdkValidates(run: () => boolean): boolean {
  try {
    return run();
  } catch {
    return false;
  }
}

/** Whether a port is the one the scheme means when none is written (or an empty `:`). */
function isDefaultPort(parts: UrlParts): boolean {
  return parts.port === ':' || parts.port === defaultPortOf(parts.scheme);
}

/**
 * The URLs Twilio may have signed for a request to `parts`, built without the code under test: as
 * given, with the default port added or removed, WHATWG-normalised, and that with the legacy query.
 */
function signedVariants(parts: UrlParts): string[] {
  const variants = [
    joinUrl(parts),
    joinUrl({ ...parts, port: parts.port === '' ? defaultPortOf(parts.scheme) : parts.port }),
  ];
  if (parts.port === '' || isDefaultPort(parts)) variants.push(joinUrl({ ...parts, port: '' }));
  try {
    const normalized = new URL(joinUrl(parts));
    variants.push(normalized.href);
    const query = normalized.search.slice(1);
    if (query !== '') {
      normalized.search = querystring.stringify(querystring.parse(query));
      variants.push(normalized.href);
    }
  } catch {
    // Not a WHATWG URL: only the as-given variants exist.
  }
  return variants;
}

describe('agreement with the twilio SDK', () => {
  it('computes the same signature as getExpectedTwilioSignature', () => {
    fc.assert(
      fc.property(authTokenArb, urlPartsArb, paramsArb, (token, parts, params) => {
        const url = joinUrl(parts);
        expect(computeSignature(token, url, params)).toBe(
          twilio.getExpectedTwilioSignature(token, url, params),
        );
      }),
      RUNS,
    );
  });

  it('signs lone surrogates and astral characters in params exactly like the SDK', () => {
    fc.assert(
      fc.property(
        authTokenArb,
        fc.dictionary(
          fc.string({ unit: 'binary', maxLength: 6 }),
          fc.string({ unit: 'binary', maxLength: 6 }),
        ),
        fc.string({ unit: 'binary', maxLength: 4 }),
        (token, params, suffix) => {
          const url = `https://example.com/p?q=${suffix}`.replaceAll('#', '');
          expect(computeSignature(token, url, params)).toBe(
            twilio.getExpectedTwilioSignature(token, url, params),
          );
        },
      ),
      RUNS,
    );
  });

  it('gives the same verdict as validateRequest for signatures over any URL variant', () => {
    fc.assert(
      fc.property(
        authTokenArb,
        urlPartsArb,
        paramsArb,
        fc.nat(),
        fc.constantFrom('right', 'right', 'right', 'wrong-token', 'tampered-params'),
        (token, parts, params, pick, tamper) => {
          const url = joinUrl(parts);
          const variants = signedVariants(parts);
          const signedUrl = variants[pick % variants.length] ?? url;
          const signingToken = tamper === 'wrong-token' ? `${token}x` : token;
          const signature = twilio.getExpectedTwilioSignature(signingToken, signedUrl, params);
          const received =
            tamper === 'tampered-params' ? { ...params, Body: `${params.Body ?? ''}!` } : params;
          const expected = sdkValidates(() => twilio.validateRequest(token, signature, url, received));
          const ours = checkSignature({ authToken: token, url, signature, params: received });
          expect(ours.ok).toBe(expected);
        },
      ),
      RUNS,
    );
  });

  it('gives the same verdict as validateRequest for arbitrary header strings', () => {
    fc.assert(
      fc.property(urlPartsArb, fc.string({ maxLength: 40 }), (parts, header) => {
        const url = joinUrl(parts);
        const expected = sdkValidates(() => twilio.validateRequest('token', header, url, {}));
        expect(checkSignature({ authToken: 'token', url, signature: header, params: {} }).ok).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same verdict as validateRequestWithBody for JSON webhooks', () => {
    fc.assert(
      fc.property(
        authTokenArb,
        urlPartsArb,
        fc.json(),
        fc.json(),
        fc.boolean(),
        (token, parts, body, hashedBody, sameBody) => {
          const hash = computeBodyHash(sameBody ? body : hashedBody);
          const separator = parts.query === '' ? '?' : '&';
          const url = joinUrl({ ...parts, query: `${parts.query}${separator}bodySHA256=${hash}` });
          const signature = twilio.getExpectedTwilioSignature(token, url, {});
          const expected = sdkValidates(() => twilio.validateRequestWithBody(token, signature, url, body));
          expect(checkSignature({ authToken: token, url, signature, rawBody: body }).ok).toBe(expected);
        },
      ),
      RUNS,
    );
  });

  it('hashes a JSON body exactly like getExpectedBodyHash', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (body) => {
        expect(computeBodyHash(body)).toBe(twilio.getExpectedBodyHash(body));
      }),
      { numRuns: 100 },
    );
  });

  it('accepts HMAC_SHA256 (SharedKey) signatures exactly when the SDK does', () => {
    fc.assert(
      fc.property(authTokenArb, urlPartsArb, paramsArb, fc.boolean(), (token, parts, params, right) => {
        const url = joinUrl(parts);
        const signature = twilio.getExpectedTwilioSignature(
          right ? token : `${token}!`,
          url,
          params,
          'HMAC_SHA256',
        );
        const expected = sdkValidates(() =>
          twilio.validateRequest(token, signature, url, params, 'HMAC_SHA256'),
        );
        const ours = checkSignature({ authToken: token, url, signature, params, algorithm: 'HMAC_SHA256' });
        expect(ours.ok).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the pinned difference: a non-default port is never removed (issue 17)', () => {
  const token = '12345';
  const params = { Body: 'hi', From: '+15555550123' };

  it('refuses a signature over the URL without its non-default port, which the SDK accepts', () => {
    const url = 'http://127.0.0.1:8787/webhooks/sms';
    const signature = computeSignature(token, 'http://127.0.0.1/webhooks/sms', params);
    expect(twilio.validateRequest(token, signature, url, params)).toBe(true);
    expect(checkSignature({ authToken: token, url, signature, params })).toEqual({
      ok: false,
      reason: 'signature-mismatch',
    });
  });

  it('never accepts a signature the SDK refuses, over any URL the SDK would try', () => {
    fc.assert(
      fc.property(authTokenArb, urlPartsArb, paramsArb, fc.nat(), (token, parts, params, pick) => {
        const url = joinUrl(parts);
        const portless = joinUrl({ ...parts, port: '' });
        const candidates = [...signedVariants(parts), portless];
        const signedUrl = candidates[pick % candidates.length] ?? url;
        const signature = twilio.getExpectedTwilioSignature(token, signedUrl, params);
        const sdk = sdkValidates(() => twilio.validateRequest(token, signature, url, params));
        const ours = checkSignature({ authToken: token, url, signature, params }).ok;
        if (ours) expect(sdk).toBe(true);
        if (!signedVariants(parts).includes(signedUrl)) expect(ours).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('the pinned difference: a URL #fragment', () => {
  const token = '12345';
  const params = { Body: 'hi', From: '+15555550123' };
  const base = 'https://sms.example.com/webhooks/sms?account=main';
  const withFragment = `${base}#rc=2&ct=5000`;

  it('accepts the signature Twilio sends (over the URL without its fragment), which the SDK refuses', () => {
    const signature = computeSignature(token, base, params);
    expect(twilio.validateRequest(token, signature, withFragment, params)).toBe(false);
    expect(checkSignature({ authToken: token, url: withFragment, signature, params })).toEqual({ ok: true });
  });

  it('refuses a signature over the fragment, which the SDK accepts', () => {
    const signature = twilio.getExpectedTwilioSignature(token, withFragment, params);
    expect(twilio.validateRequest(token, signature, withFragment, params)).toBe(true);
    expect(checkSignature({ authToken: token, url: withFragment, signature, params })).toEqual({
      ok: false,
      reason: 'signature-mismatch',
    });
  });

  it('otherwise agrees with the SDK on the URL without its fragment', () => {
    fc.assert(
      fc.property(
        authTokenArb,
        urlPartsArb,
        paramsArb,
        fc.string({ maxLength: 8 }),
        (token, parts, params, frag) => {
          const url = joinUrl(parts);
          const signature = twilio.getExpectedTwilioSignature(token, url, params);
          const expected = sdkValidates(() => twilio.validateRequest(token, signature, url, params));
          expect(checkSignature({ authToken: token, url: `${url}#${frag}`, signature, params }).ok).toBe(
            expected,
          );
          expect(computeSignature(token, `${url}#${frag}`, params)).toBe(signature);
        },
      ),
      { numRuns: 100 },
    );
  });
});
