import { describe, expect, it } from 'vitest';
import { documentedVectors } from './__fixtures__/twilio-docs-vectors.js';
import { computeBodyHash, computeSignature } from './compute-signature.js';
import { InvalidOptionsError } from './errors.js';

describe('computeSignature', () => {
  for (const vector of documentedVectors) {
    it(`reproduces Twilio's published signature (${vector.name})`, () => {
      expect(computeSignature(vector.authToken, vector.url, vector.params)).toBe(vector.signature);
    });
  }

  it('does not depend on the order params were given in', () => {
    const a = computeSignature('t', 'https://h.example/p', { To: '+1', From: '+2', Body: 'x' });
    const b = computeSignature('t', 'https://h.example/p', { Body: 'x', From: '+2', To: '+1' });
    expect(a).toBe(b);
  });

  it('signs every value of a repeated key, sorted and without duplicates, like the SDK', () => {
    const url = 'https://h.example/p';
    expect(computeSignature('t', url, { MediaUrl: ['b', 'a', 'b'] })).toBe(
      computeSignature('t', `${url}MediaUrlaMediaUrlb`),
    );
  });

  it('signs a GET webhook (no params) over the URL alone', () => {
    expect(computeSignature('t', 'https://h.example/p?a=1')).toBe(
      computeSignature('t', 'https://h.example/p?a=1', {}),
    );
  });

  it('ignores a #fragment, as Twilio does', () => {
    expect(computeSignature('t', 'https://h.example/p#rc=2')).toBe(
      computeSignature('t', 'https://h.example/p'),
    );
  });

  it('signs with HMAC-SHA256 when asked (SharedKey webhooks)', () => {
    expect(computeSignature('t', 'https://h.example/p', {}, 'HMAC_SHA256')).toHaveLength(44);
  });

  it('refuses an empty auth token with InvalidOptionsError', () => {
    expect(() => computeSignature('', 'https://h.example/p')).toThrow(InvalidOptionsError);
  });

  it('refuses params that are not strings or string arrays', () => {
    const params = { NumMedia: 0 } as unknown as Record<string, string>;
    expect(() => computeSignature('t', 'https://h.example/p', params)).toThrow(/params/);
  });

  it('refuses an unknown algorithm', () => {
    expect(() => computeSignature('t', 'https://h.example/p', {}, 'HMAC_MD5' as 'HMAC_SHA1')).toThrow(
      InvalidOptionsError,
    );
  });
});

describe('computeBodyHash', () => {
  it('is the lowercase hex SHA-256 of the body', () => {
    expect(computeBodyHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes a string as its UTF-8 bytes', () => {
    expect(computeBodyHash('é')).toBe(computeBodyHash(new Uint8Array([0xc3, 0xa9])));
  });
});
