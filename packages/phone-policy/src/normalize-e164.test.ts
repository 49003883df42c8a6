import fc from 'fast-check';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { ACCEPTED, REJECTED } from './__fixtures__/phone-numbers.js';
import { InvalidPhoneNumberError, PhonePolicyError } from './errors.js';
import { isE164 } from './is-e164.js';
import { normalizeE164 } from './normalize-e164.js';

function reasonOf(
  input: string,
  options?: { defaultCountry?: string; strict?: boolean },
): string | undefined {
  try {
    normalizeE164(input, options);
    return undefined;
  } catch (error) {
    return error instanceof InvalidPhoneNumberError ? error.reason : 'not an InvalidPhoneNumberError';
  }
}

const EXAMPLE_NUMBERS = getCountries()
  .map((country) => getExampleNumber(country, examples)?.number)
  .filter((number): number is NonNullable<typeof number> => number !== undefined);

const separator = fc.constantFrom('', ' ', '-', '.', '  ', '\u2013', '\u00a0');

/** An E.164 number written the way people write it: separators between digits, maybe a URI prefix. */
const writtenNumber = fc
  .tuple(
    fc.constantFrom(...EXAMPLE_NUMBERS),
    fc.constantFrom('', 'tel:', 'sms:', 'TEL:'),
    fc.array(separator, { minLength: 16, maxLength: 16 }),
  )
  .map(([e164, prefix, separators]) => {
    const digits = [...e164.slice(1)].map((digit, i) => `${separators[i] ?? ''}${digit}`).join('');
    return { e164: String(e164), written: `${prefix}+${digits}` };
  });

describe('normalizeE164', () => {
  describe('accepts', () => {
    it.each(ACCEPTED)('$why: $input', ({ input, defaultCountry, e164 }) => {
      expect(normalizeE164(input, { defaultCountry })).toBe(e164);
    });
  });

  describe('rejects', () => {
    it.each(REJECTED)('$why ($input) as $reason', ({ input, defaultCountry, strict, reason }) => {
      expect(reasonOf(input, { defaultCountry, strict })).toBe(reason);
    });
  });

  it('quotes the input in the error message and keeps it on the error', () => {
    let error: unknown;
    try {
      normalizeE164('+1 555');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidPhoneNumberError);
    expect(error).toBeInstanceOf(PhonePolicyError);
    expect(error).toMatchObject({
      name: 'InvalidPhoneNumberError',
      code: 'INVALID_PHONE_NUMBER',
      input: '+1 555',
    });
    expect((error as Error).message).toContain('"+1 555"');
    expect((error as Error).message).toContain('too few digits');
  });

  it('cuts a huge input short in the message so it cannot flood a log', () => {
    const input = `+1${'9'.repeat(10_000)}`;
    expect(() => normalizeE164(input)).toThrow(/^Invalid phone number "\+1 ?9{60,64}…"/);
  });

  it('accepts a number that is only possible by default and refuses it in strict mode', () => {
    expect(normalizeE164('+15555550123')).toBe('+15555550123');
    expect(() => normalizeE164('+15555550123', { strict: true })).toThrow(InvalidPhoneNumberError);
    expect(normalizeE164('+12015550123', { strict: true })).toBe('+12015550123');
  });

  it('prefers the "+" country code over the default country', () => {
    expect(normalizeE164('+44 20 7946 0958', { defaultCountry: 'US' })).toBe('+442079460958');
  });

  describe('regressions: the leading implementation (OpenClaw SMS plugin 2026.9.4)', () => {
    it('does not silently drop letters: "+1-555-ABC-1234" is not "+15551234"', () => {
      expect(reasonOf('+1-555-ABC-1234')).toBe('contains-letters');
    });

    it('does not turn "tel:+1..." into "++1..."', () => {
      expect(normalizeE164('tel:+12015550123')).toBe('+12015550123');
    });

    it('does not turn garbage into "+"', () => {
      for (const garbage of ['garbage', '!!!', '+', '---', '()']) {
        expect(reasonOf(garbage)).toMatch(/^(contains-letters|not-a-number)$/);
      }
    });

    it('does not glue "+" onto a national number (which would name another country)', () => {
      expect(reasonOf('07911 123456')).toBe('needs-country');
      expect(normalizeE164('07911 123456', { defaultCountry: 'GB' })).toBe('+447911123456');
    });
  });

  describe('properties', () => {
    it('normalises any way of writing a number to the same E.164 number', () => {
      fc.assert(
        fc.property(writtenNumber, ({ e164, written }) => {
          expect(normalizeE164(written)).toBe(e164);
        }),
        { numRuns: 300 },
      );
    });

    it('is idempotent and every output passes isE164', () => {
      const anyInput = fc.oneof(
        writtenNumber.map(({ written }) => written),
        fc.stringMatching(/^\+?[0-9 ()-]{0,20}$/),
        fc.string(),
      );
      fc.assert(
        fc.property(anyInput, fc.constantFrom(undefined, 'US', 'DE', 'JP'), (input, defaultCountry) => {
          let once: string;
          try {
            once = normalizeE164(input, { defaultCountry });
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidPhoneNumberError);
            return;
          }
          expect(isE164(once)).toBe(true);
          expect(normalizeE164(once)).toBe(once);
          expect(normalizeE164(once, { defaultCountry })).toBe(once);
        }),
        { numRuns: 500 },
      );
    });

    it('rejects any written number with a letter in it', () => {
      fc.assert(
        fc.property(
          writtenNumber,
          fc.nat(),
          fc.constantFrom('A', 'x', 'O', 'l', 'é', 'Ж'),
          ({ written }, at, letter) => {
            const index = 5 + (at % (written.length - 4));
            const withLetter = `${written.slice(0, index)}${letter}${written.slice(index)}`;
            expect(reasonOf(withLetter)).toBe('contains-letters');
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
