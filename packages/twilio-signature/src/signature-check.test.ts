import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  smsWebhookAuthToken,
  smsWebhookBody,
  smsWebhookParams,
  smsWebhookUrl,
} from './__fixtures__/sms-webhook.js';
import { documentedVectors } from './__fixtures__/twilio-docs-vectors.js';
import { computeBodyHash, computeSignature } from './compute-signature.js';
import { InvalidOptionsError } from './errors.js';
import { checkSignature } from './signature-check.js';

const authToken = smsWebhookAuthToken;
const url = smsWebhookUrl;
const params = smsWebhookParams;
const signature = computeSignature(authToken, url, params);

describe('checkSignature on form webhooks', () => {
  for (const vector of documentedVectors) {
    it(`accepts Twilio's published example (${vector.name})`, () => {
      expect(checkSignature({ ...vector, authToken: vector.authToken })).toEqual({ ok: true });
    });
  }

  it('accepts a genuine SMS webhook', () => {
    expect(checkSignature({ authToken, url, signature, params })).toEqual({ ok: true });
  });

  it('parses params from the raw body when none are given', () => {
    expect(checkSignature({ authToken, url, signature, rawBody: smsWebhookBody })).toEqual({ ok: true });
    expect(checkSignature({ authToken, url, signature, rawBody: Buffer.from(smsWebhookBody) })).toEqual({
      ok: true,
    });
  });

  it('accepts a request whose proxy added :443 to the URL Twilio signed', () => {
    const proxied = url.replace('.com/', '.com:443/');
    expect(checkSignature({ authToken, url: proxied, signature, params })).toEqual({ ok: true });
  });

  it('accepts a signature over the URL with :443 when the configured URL has none', () => {
    const signedWithPort = computeSignature(authToken, url.replace('.com/', '.com:443/'), params);
    expect(checkSignature({ authToken, url, signature: signedWithPort, params })).toEqual({ ok: true });
  });

  it('accepts repeated keys, all values signed (the first value alone does not verify)', () => {
    const media = { ...params, MediaUrl: ['https://m.example/2', 'https://m.example/1'] };
    const mediaSignature = computeSignature(authToken, url, media);
    expect(checkSignature({ authToken, url, signature: mediaSignature, params: media })).toEqual({
      ok: true,
    });
    const firstOnly = { ...params, MediaUrl: 'https://m.example/2' };
    expect(checkSignature({ authToken, url, signature: mediaSignature, params: firstOnly }).ok).toBe(false);
  });

  it('refuses a tampered param', () => {
    const tampered = { ...params, Body: 'Send me the admin password' };
    expect(checkSignature({ authToken, url, signature, params: tampered })).toEqual({
      ok: false,
      reason: 'signature-mismatch',
    });
  });

  it('refuses an added param', () => {
    const added = { ...params, Extra: '1' };
    expect(checkSignature({ authToken, url, signature, params: added }).ok).toBe(false);
  });

  it('refuses a reordered query string (the URL is signed byte for byte)', () => {
    const signedUrl = 'https://sms.example.com/webhooks/sms?a=1&b=2';
    const sig = computeSignature(authToken, signedUrl, params);
    const reordered = 'https://sms.example.com/webhooks/sms?b=2&a=1';
    expect(checkSignature({ authToken, url: reordered, signature: sig, params })).toEqual({
      ok: false,
      reason: 'signature-mismatch',
    });
  });

  it('refuses a signature made with another token', () => {
    const forged = computeSignature('another-token', url, params);
    expect(checkSignature({ authToken, url, signature: forged, params })).toEqual({
      ok: false,
      reason: 'signature-mismatch',
    });
  });

  it('refuses a truncated signature as malformed', () => {
    expect(checkSignature({ authToken, url, signature: signature.slice(0, 27), params })).toEqual({
      ok: false,
      reason: 'malformed-signature',
    });
  });

  it('refuses a missing or empty signature header', () => {
    expect(checkSignature({ authToken, url, signature: undefined, params })).toEqual({
      ok: false,
      reason: 'missing-signature',
    });
    expect(checkSignature({ authToken, url, signature: '', params })).toEqual({
      ok: false,
      reason: 'missing-signature',
    });
  });

  it('refuses a form body that is not UTF-8', () => {
    const rawBody = new Uint8Array([0x42, 0x6f, 0x64, 0x79, 0x3d, 0xc3]);
    expect(checkSignature({ authToken, url, signature, rawBody })).toEqual({
      ok: false,
      reason: 'malformed-body',
    });
  });

  it('refuses an unknown algorithm as a value, not an exception', () => {
    const algorithm = 'HMAC_MD5' as 'HMAC_SHA1';
    expect(checkSignature({ authToken, url, signature, params, algorithm })).toEqual({
      ok: false,
      reason: 'unsupported-algorithm',
    });
  });

  it('throws InvalidOptionsError for an empty auth token (a configuration mistake)', () => {
    expect(() => checkSignature({ authToken: '', url, signature, params })).toThrow(InvalidOptionsError);
  });
});

describe('checkSignature on JSON webhooks (bodySHA256)', () => {
  const body = '{"MessageSid":"SM0123","Body":"hello"}';
  const jsonUrl = `https://sms.example.com/webhooks/json?bodySHA256=${computeBodyHash(body)}`;
  const jsonSignature = computeSignature(authToken, jsonUrl);

  it('accepts a genuine JSON webhook: URL signed alone, body matching its hash', () => {
    expect(checkSignature({ authToken, url: jsonUrl, signature: jsonSignature, rawBody: body })).toEqual({
      ok: true,
    });
  });

  it('refuses a body that does not match bodySHA256', () => {
    const rawBody = body.replace('hello', 'HELLO');
    expect(checkSignature({ authToken, url: jsonUrl, signature: jsonSignature, rawBody })).toEqual({
      ok: false,
      reason: 'body-hash-mismatch',
    });
  });

  it('refuses when the body is not given', () => {
    expect(checkSignature({ authToken, url: jsonUrl, signature: jsonSignature })).toEqual({
      ok: false,
      reason: 'missing-body',
    });
  });

  it('refuses a hash written in uppercase hex, as the SDK does', () => {
    const upperUrl = jsonUrl.replace(/=([0-9a-f]+)$/, (_, hex: string) => `=${hex.toUpperCase()}`);
    const upperSignature = computeSignature(authToken, upperUrl);
    expect(checkSignature({ authToken, url: upperUrl, signature: upperSignature, rawBody: body })).toEqual({
      ok: false,
      reason: 'body-hash-mismatch',
    });
  });

  it('checks the signature before the body', () => {
    const forged = computeSignature('another-token', jsonUrl);
    expect(checkSignature({ authToken, url: jsonUrl, signature: forged, rawBody: 'x' })).toEqual({
      ok: false,
      reason: 'signature-mismatch',
    });
  });
});

describe('garbage in', () => {
  it('never throws, whatever the header, URL, params, body and algorithm', () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.anything(),
        fc.anything(),
        fc.anything(),
        fc.anything(),
        (s, u, p, b, a) => {
          const options = { authToken, signature: s, url: u, params: p, rawBody: b, algorithm: a };
          const result = checkSignature(options as unknown as Parameters<typeof checkSignature>[0]);
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on a right-sized signature over random URLs and params', () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string(), fc.anything()), (u, p) => {
        const options = { authToken, signature, url: u, params: p as Record<string, string> };
        expect(() => checkSignature(options)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('returns false, not an exception, for a URL that does not parse', () => {
    expect(checkSignature({ authToken, url: 'not a url', signature, params }).ok).toBe(false);
    expect(checkSignature({ authToken, url: 'https://[::1/bodySHA256', signature, rawBody: '{}' })).toEqual({
      ok: false,
      reason: 'invalid-url',
    });
  });

  it('refuses non-string param values from untyped callers as malformed', () => {
    const bad = { ...params, NumMedia: 0 } as unknown as Record<string, string>;
    expect(checkSignature({ authToken, url, signature, params: bad })).toEqual({
      ok: false,
      reason: 'malformed-params',
    });
  });
});
