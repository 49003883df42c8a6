import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSignatureHeader } from './signature-header.js';

const valid = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('decodeSignatureHeader', () => {
  it('decodes a canonical base64 SHA-1 digest', () => {
    expect(decodeSignatureHeader(valid, 20)?.toString('base64')).toBe(valid);
  });

  it('refuses a truncated, padded-away or over-long header', () => {
    expect(decodeSignatureHeader(valid.slice(0, -1), 20)).toBeUndefined();
    expect(decodeSignatureHeader(`${valid}=`, 20)).toBeUndefined();
    expect(decodeSignatureHeader(`${valid} `, 20)).toBeUndefined();
  });

  it('refuses what lenient base64 decoding would accept: URL-safe alphabet, inner whitespace', () => {
    expect(decodeSignatureHeader(valid.replace('/', '_'), 20)).toBeUndefined();
    expect(decodeSignatureHeader(`0/KCTR6DLpKmkAf8muzZqo1nDg =`, 20)).toBeUndefined();
  });

  it('refuses non-canonical trailing bits that decode to the same bytes', () => {
    // 'R' and 'Q' differ only in bits that base64 decoding drops before '='.
    expect(decodeSignatureHeader(valid.replace('gQ=', 'gR='), 20)).toBeUndefined();
  });

  it('expects 44 characters for a SHA-256 digest', () => {
    const sha256 = Buffer.alloc(32, 7).toString('base64');
    expect(decodeSignatureHeader(sha256, 32)?.length).toBe(32);
    expect(decodeSignatureHeader(sha256, 20)).toBeUndefined();
  });
});

describe('decodeSignatureHeader against Buffer base64', () => {
  it('decodes the base64 of any digest-sized bytes back to those bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (bytes) => {
        const header = Buffer.from(bytes).toString('base64');
        expect(decodeSignatureHeader(header, bytes.length)?.equals(bytes)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts a header exactly when re-encoding its lenient decoding gives it back', () => {
    const chars = fc.constantFrom(...'AQRgwz+/=_- \u00e9019'.split(''));
    // Canonical headers with one character replaced: near misses the lenient decoder may repair.
    const nearMiss = fc.tuple(fc.constantFrom(20, 32), fc.nat(), chars).chain(([size, at, char]) =>
      fc.uint8Array({ minLength: size, maxLength: size }).map((bytes) => {
        const header = Buffer.from(bytes).toString('base64');
        const index = at % header.length;
        return { size, header: header.slice(0, index) + char + header.slice(index + 1) };
      }),
    );
    const noise = fc.record({
      size: fc.constantFrom(20, 32),
      header: fc.string({ unit: chars, minLength: 26, maxLength: 46 }),
    });
    fc.assert(
      fc.property(fc.oneof(nearMiss, noise), ({ size, header }) => {
        const lenient = Buffer.from(header, 'base64');
        const canonical = lenient.length === size && lenient.toString('base64') === header;
        expect(decodeSignatureHeader(header, size) !== undefined).toBe(canonical);
      }),
      { numRuns: 1000 },
    );
  });
});
