import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPairingCode, generatePairingCode, PAIRING_CODE_ALPHABET } from './pairing-code.js';

describe('pairing codes', () => {
  it('uses an alphabet without the easily confused 0, O, 1, I and L', () => {
    for (const confusing of ['0', 'O', '1', 'I', 'L']) expect(PAIRING_CODE_ALPHABET).not.toContain(confusing);
    expect(new Set(PAIRING_CODE_ALPHABET).size).toBe(PAIRING_CODE_ALPHABET.length);
  });

  it('draws 8 characters from the alphabet with crypto.randomInt by default', () => {
    const code = generatePairingCode();
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
  });

  it('maps each random draw to one alphabet position', () => {
    const draws = [0, 1, 2, 3, 4, 5, 29, 30];
    let i = 0;
    expect(generatePairingCode(() => draws[i++] ?? 0)).toBe('234567YZ');
  });

  it('refuses a random source that returns a value outside [0, max)', () => {
    expect(() => generatePairingCode(() => 31)).toThrow(RangeError);
    expect(() => generatePairingCode(() => -1)).toThrow(RangeError);
  });

  it('reads a typed code in any case, ignoring spaces and dashes', () => {
    expect(canonicalPairingCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(canonicalPairingCode(' AbCd EfGh ')).toBe('ABCDEFGH');
  });

  it('rejects text that cannot be a code', () => {
    for (const text of ['', 'ABCDEFG', 'ABCDEFGHJ', 'ABCDEFG0', 'ABCDEFGI', 'ABCDEFG!']) {
      expect(canonicalPairingCode(text)).toBeUndefined();
    }
  });

  it('reads back every generated code, whatever its case (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: PAIRING_CODE_ALPHABET.length - 1 }), { minLength: 8, maxLength: 8 }),
        (draws) => {
          let i = 0;
          const code = generatePairingCode(() => draws[i++] ?? 0);
          expect(canonicalPairingCode(code.toLowerCase())).toBe(code);
        },
      ),
      { numRuns: 200 },
    );
  });
});
