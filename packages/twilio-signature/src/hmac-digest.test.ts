import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHmacDigest, hashByObject } from './hmac-digest.js';
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
          const digest = createHmacDigest(spec, key);
          expect(digest.digest(message).equals(expected)).toBe(true);
          expect(digest.matchesAny(message, '', expected, () => [])).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it(`agrees with createHmac when hashing with createHash, the fallback without crypto.hash (${hashName})`, () => {
      fc.assert(
        fc.property(keys, fc.string({ maxLength: 200 }), (key, message) => {
          const expected = createHmac(hashName, key).update(message).digest();
          expect(createHmacDigest(spec, key, hashByObject).digest(message).equals(expected)).toBe(true);
        }),
        { numRuns: 50 },
      );
    });
  }

  it('gives the same digest when applied twice (no state carried between calls)', () => {
    const spec = hashSpecOf('HMAC_SHA1');
    if (spec === undefined) throw new Error('sha1');
    const digest = createHmacDigest(spec, '0123456789abcdef0123456789abcdef');
    const first = digest.digest('https://h.example/pBodyhi');
    expect(digest.matchesAny('something else entirely', '', first, () => [])).toBe(false);
    expect(digest.digest('https://h.example/pBodyhi').equals(first)).toBe(true);
    expect(digest.matchesAny('https://h.example/', 'Bodyhi', first, () => ['https://h.example/p'])).toBe(
      true,
    );
  });

  it('grows its message buffer for a long message and stays correct afterwards', () => {
    const spec = hashSpecOf('HMAC_SHA1');
    if (spec === undefined) throw new Error('sha1');
    const key = '0123456789abcdef0123456789abcdef';
    const digest = createHmacDigest(spec, key);
    for (const message of ['short', '🙂'.repeat(5000), 'short again']) {
      expect(digest.digest(message).equals(createHmac('sha1', key).update(message).digest())).toBe(true);
    }
  });

  it('finds the prefix whose HMAC with the suffix is expected, whatever the prefix lengths', () => {
    const spec = hashSpecOf('HMAC_SHA1');
    if (spec === undefined) throw new Error('sha1');
    const key = '0123456789abcdef0123456789abcdef';
    const prefix = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ minLength: 100, maxLength: 300 }),
    );
    fc.assert(
      fc.property(
        fc.array(prefix, { minLength: 1, maxLength: 6 }),
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.integer({ min: -1, max: 5 }),
        (prefixes, suffix, pick) => {
          const signed = pick >= 0 && pick < prefixes.length ? prefixes[pick] : 'none of them';
          const expected = createHmac('sha1', key).update(`${signed}${suffix}`).digest();
          const matching = prefixes.some((p) =>
            createHmac('sha1', key)
              .update(p + suffix)
              .digest()
              .equals(expected),
          );
          expect(
            createHmacDigest(spec, key).matchesAny(prefixes[0] ?? '', suffix, expected, () =>
              prefixes.slice(1),
            ),
          ).toBe(matching);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('grows the shared buffer when a later prefix is longer than anything before, keeping the suffix', () => {
    const spec = hashSpecOf('HMAC_SHA1');
    if (spec === undefined) throw new Error('sha1');
    const key = '0123456789abcdef0123456789abcdef';
    const long = 'é'.repeat(200_000); // larger than any message the other tests wrote
    const expected = createHmac('sha1', key).update(`${long}Bodyhi`).digest();
    expect(createHmacDigest(spec, key).matchesAny('short', 'Bodyhi', expected, () => [long])).toBe(true);
  });

  it('refuses an expected digest of the wrong size without throwing', () => {
    const spec = hashSpecOf('HMAC_SHA1');
    if (spec === undefined) throw new Error('sha1');
    const digest = createHmacDigest(spec, 'key');
    expect(digest.matchesAny('message', '', digest.digest('message').subarray(0, 19), () => [])).toBe(false);
  });
});
