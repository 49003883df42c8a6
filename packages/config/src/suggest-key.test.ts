import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smsAccountShape } from './sms-channel-schema.js';
import { editDistance, suggestKey } from './suggest-key.js';

const KEYS = Object.keys(smsAccountShape);

describe('editDistance', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('fromnubmer', 'fromnumber')).toBe(1);
  });

  it('is zero exactly for equal strings, and symmetric', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
      }),
      { numRuns: 200 },
    );
  });
});

describe('suggestKey', () => {
  it.each([
    ['fromNumer', 'fromNumber'],
    ['webhookpath', 'webhookPath'],
    ['account_sid', 'accountSid'],
    ['dm_policy', 'dmPolicy'],
    ['allowfrom', 'allowFrom'],
    ['textChunkLimt', 'textChunkLimit'],
    ['token', 'authToken'],
  ])('suggests %s -> %s', (typo, key) => {
    expect(suggestKey(typo, KEYS)).toBe(key);
  });

  it('suggests nothing for a key unlike any known one', () => {
    expect(suggestKey('colour', KEYS)).toBeUndefined();
  });

  it('suggests the original key for any single-character typo of a long key', () => {
    const longKeys = KEYS.filter((key) => key.length >= 6);
    const typo = fc
      .tuple(fc.constantFrom(...longKeys), fc.nat(), fc.constantFrom(...'qxzjkv'))
      .map(([key, at, letter]) => {
        const index = at % key.length;
        return { key, typo: key.slice(0, index) + letter + key.slice(index + 1) };
      })
      .filter(({ key, typo }) => key.toLowerCase() !== typo.toLowerCase());
    fc.assert(
      fc.property(typo, ({ key, typo }) => {
        expect(suggestKey(typo, KEYS)).toBe(key);
      }),
      { numRuns: 200 },
    );
  });
});
