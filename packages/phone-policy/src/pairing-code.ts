import { randomInt } from 'node:crypto';

/**
 * Pairing codes are read off a phone and typed by the owner, so the alphabet leaves out characters that are
 * easily confused: 0/O, 1/I/L. 31 symbols over 8 characters give ~8.5e11 codes.
 */
export const PAIRING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PAIRING_CODE_LENGTH = 8;

/** Returns an integer in `[0, max)`, like `crypto.randomInt(max)`. */
export type RandomInt = (max: number) => number;

const CODE_SHAPE = new RegExp(`^[${PAIRING_CODE_ALPHABET}]{${PAIRING_CODE_LENGTH}}$`);

export function generatePairingCode(random: RandomInt = randomInt): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i += 1) {
    const index = random(PAIRING_CODE_ALPHABET.length);
    const symbol = PAIRING_CODE_ALPHABET[index];
    if (!Number.isInteger(index) || symbol === undefined) {
      throw new RangeError(`random(${PAIRING_CODE_ALPHABET.length}) returned ${index}, outside [0, max)`);
    }
    code += symbol;
  }
  return code;
}

/**
 * The canonical form of a code typed by the owner: upper case, without the spaces or dashes people add when
 * copying it, or `undefined` when it cannot be a code at all.
 */
export function canonicalPairingCode(input: string): string | undefined {
  const code = input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  return CODE_SHAPE.test(code) ? code : undefined;
}
