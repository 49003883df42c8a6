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
