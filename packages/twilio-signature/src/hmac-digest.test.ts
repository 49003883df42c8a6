import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHmacDigest, hmacByObject } from './hmac-digest.js';
import { hashSpecOf } from './signature-algorithm.js';

const specs = [
  ['HMAC_SHA1', 'sha1'],
  ['HMAC_SHA256', 'sha256'],
] as const;

const keys = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{32}$/),
  fc.string({ unit: 'binary-ascii', maxLength: 70 }),
  fc.string({ unit: 'binary', maxLength: 70 }),
  fc.constantFrom('a'.repeat(64), 'a'.repeat(65), '\u0000', 'é'),
);

describe('createHmacDigest', () => {
  for (const [algorithm, hashName] of specs) {
    const spec = hashSpecOf(algorithm);
    if (spec === undefined) throw new Error(algorithm);

    it(`equals createHmac(${hashName}) for any key and UTF-8 message`, () => {
      fc.assert(
        fc.property(keys, fc.string({ unit: 'binary', maxLength: 300 }), (key, message) => {
          const expected = createHmac(hashName, key).update(message).digest();
          expect(createHmacDigest(spec, key)(message).equals(expected)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it(`the createHmac fallback agrees with the one-shot path (${hashName})`, () => {
      fc.assert(
        fc.property(fc.stringMatching(/^[0-9a-f]{32}$/), fc.string({ maxLength: 200 }), (key, message) => {
          expect(hmacByObject(spec, key)(message).equals(createHmacDigest(spec, key)(message))).toBe(true);
        }),
        { numRuns: 50 },
      );
    });
  }

  it('gives the same digest when applied twice (no state carried between calls)', () => {
    const spec = hashSpecOf('HMAC_SHA1');
    if (spec === undefined) throw new Error('sha1');
    const digest = createHmacDigest(spec, '0123456789abcdef0123456789abcdef');
    const first = digest('https://h.example/pBodyhi');
    digest('something else entirely');
    expect(digest('https://h.example/pBodyhi').equals(first)).toBe(true);
  });
});
