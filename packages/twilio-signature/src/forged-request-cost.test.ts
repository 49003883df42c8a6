/**
 * Issue 17: a forged request is refused only after every URL variant that could apply was tried,
 * so what a refusal costs is one HMAC per such variant. These pin that count (two hashes per HMAC,
 * counted through the hash the digest is given), not a time.
 */
import { describe, expect, it } from 'vitest';
import { smsWebhookParams } from './__fixtures__/sms-webhook.js';
import { computeSignature } from './compute-signature.js';
import { createHmacDigest, hashByObject, type OneShotHash } from './hmac-digest.js';
import { hashSpecOf } from './signature-algorithm.js';
import { checkSignedRequest } from './signature-check.js';

const token = '0123456789abcdef0123456789abcdef';
const params = smsWebhookParams;

/** HMACs computed to refuse a request to `url` signed with a wrong token. */
function hmacsToRefuse(url: string): number {
  const spec = hashSpecOf('HMAC_SHA1');
  if (spec === undefined) throw new Error('HMAC_SHA1 is supported');
  let hashes = 0;
  const counting: OneShotHash = (name, data) => {
    hashes++;
    return hashByObject(name, data);
  };
  const digest = createHmacDigest(spec, token, counting);
  const signature = computeSignature('not-the-token', url, params);
  const result = checkSignedRequest(spec, digest, { url, signature, params });
  expect(result).toEqual({ ok: false, reason: 'signature-mismatch' });
  return hashes / 2;
}

describe('what refusing a forged request costs', () => {
  it('one HMAC for a URL on a non-default port, which has no other port form', () => {
    expect(hmacsToRefuse('http://127.0.0.1:8787/webhooks/sms')).toBe(1);
  });

  it('two HMACs for an https URL without a port: as given and with :443', () => {
    expect(hmacsToRefuse('https://sms.example.com/webhooks/sms')).toBe(2);
  });

  it('two HMACs for a normal URL whose query the legacy encoding leaves as it is', () => {
    expect(hmacsToRefuse('https://sms.example.com/webhooks/sms?account=main')).toBe(2);
  });

  it('two HMACs for a URL on :443: as given and without the port', () => {
    expect(hmacsToRefuse('https://sms.example.com:443/webhooks/sms')).toBe(2);
  });

  it('one HMAC per distinct variant when normalisation and the legacy query both apply', () => {
    expect(hmacsToRefuse("https://sms.example.com/a b?x=it's")).toBe(6);
  });
});
