import { describe, expect, it } from 'vitest';
import { smsWebhookAuthToken, smsWebhookParams, smsWebhookUrl } from './__fixtures__/sms-webhook.js';
import { computeSignature } from './compute-signature.js';
import { InvalidOptionsError } from './errors.js';
import { checkSignature } from './signature-check.js';
import { createSignatureVerifier } from './signature-verifier.js';

const authToken = smsWebhookAuthToken;
const url = smsWebhookUrl;
const params = smsWebhookParams;
const signature = computeSignature(authToken, url, params);

describe('createSignatureVerifier', () => {
  it('accepts a genuine request and refuses a tampered one, with the same reasons as checkSignature', () => {
    const verifier = createSignatureVerifier({ authToken });
    const tampered = { ...params, Body: 'tampered' };
    expect(verifier.check({ url, signature, params })).toEqual({ ok: true });
    expect(verifier.check({ url, signature, params: tampered })).toEqual(
      checkSignature({ authToken, url, signature, params: tampered }),
    );
    expect(verifier.check({ url, signature: undefined, params }).ok).toBe(false);
  });

  it('checks every request afresh (no verdict is remembered)', () => {
    const verifier = createSignatureVerifier({ authToken });
    expect(verifier.check({ url, signature, params }).ok).toBe(true);
    expect(verifier.check({ url, signature, params: { ...params, Body: 'x' } }).ok).toBe(false);
    expect(verifier.check({ url, signature, params }).ok).toBe(true);
  });

  it('verifies SharedKey (HMAC_SHA256) signatures when configured for them', () => {
    const verifier = createSignatureVerifier({ authToken, algorithm: 'HMAC_SHA256' });
    const sha256 = computeSignature(authToken, url, params, 'HMAC_SHA256');
    expect(verifier.check({ url, signature: sha256, params }).ok).toBe(true);
    expect(verifier.check({ url, signature, params })).toEqual({ ok: false, reason: 'malformed-signature' });
  });

  it('fails at creation on an empty token or an unknown algorithm', () => {
    expect(() => createSignatureVerifier({ authToken: '' })).toThrow(InvalidOptionsError);
    expect(() => createSignatureVerifier({ authToken, algorithm: 'HMAC_MD5' as 'HMAC_SHA1' })).toThrow(
      /Unsupported signature algorithm/,
    );
  });

  it('verifies with tokens that are not 32 hex digits (non-ASCII, longer than a hash block)', () => {
    for (const token of ['é-token', 'x'.repeat(80)]) {
      const sig = computeSignature(token, url, params);
      const verifier = createSignatureVerifier({ authToken: token });
      expect(verifier.check({ url, signature: sig, params })).toEqual({ ok: true });
      expect(verifier.check({ url, signature, params })).toEqual({ ok: false, reason: 'signature-mismatch' });
    }
  });
});
