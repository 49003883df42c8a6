/**
 * Issue 14, "phone numbers pasted from real places": a number copied from a contact card or a web page
 * carries invisible formatting characters and digits of other scripts. It must normalise to what the clean
 * number gives, in `normalizeE164`, `parseSmsTarget` (`--target`, `defaultTo`) and `normalizeAllowFrom`;
 * letters and other junk stay errors with the reasons the package already gives.
 */
import fc from 'fast-check';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { InvalidAllowFromError, InvalidPhoneNumberError, InvalidTargetError } from './errors.js';
import { normalizeAllowFrom } from './normalize-allow-from.js';
import { normalizeE164 } from './normalize-e164.js';
import { parseSmsTarget } from './parse-sms-target.js';
import { cleanPastedNumberText } from './pasted-number-text.js';

const INVISIBLES = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\uFEFF',
  '\u00AD',
];

/** The zero of each digit script libphonenumber reads, besides ASCII. */
const DIGIT_ZEROS = {
  'arabic-indic': 0x0660,
  'extended-arabic-indic': 0x06f0,
  'full-width': 0xff10,
} as const;

function inScript(text: string, zero: number): string {
  return text.replace(/\d/g, (digit) => String.fromCodePoint(zero + Number(digit)));
}

function reasonOf(input: string): string | undefined {
  try {
    normalizeE164(input);
    return undefined;
  } catch (error) {
    return error instanceof InvalidPhoneNumberError ? error.reason : 'not an InvalidPhoneNumberError';
  }
}

const EXAMPLE_NUMBERS = getCountries()
  .map((country) => getExampleNumber(country, examples))
  .filter((number) => number !== undefined);

/** A valid number as people write it: E.164, or libphonenumber's international format with spaces. */
const cleanNumber = fc
  .tuple(fc.constantFrom(...EXAMPLE_NUMBERS), fc.boolean())
  .map(([number, formatted]) => ({
    e164: String(number.number),
    written: formatted ? number.formatInternational() : String(number.number),
  }));

/** `text` with invisible characters inserted at random places and its digits maybe in another script. */
const pasted = (text: string) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.nat(text.length), fc.constantFrom(...INVISIBLES)), { maxLength: 6 }),
      fc.constantFrom(undefined, ...Object.values(DIGIT_ZEROS)),
    )
    .map(([inserts, zero]) => {
      let result = zero === undefined ? text : inScript(text, zero);
      for (const [at, mark] of inserts.sort((a, b) => b[0] - a[0])) {
        result = result.slice(0, at) + mark + result.slice(at);
      }
      return result;
    });

describe('numbers pasted from contact cards and web pages', () => {
  it.each(INVISIBLES.map((mark) => [`U+${mark.codePointAt(0)?.toString(16).toUpperCase()}`, mark]))(
    'ignores %s inside and around a number',
    (_name, mark) => {
      expect(normalizeE164(`${mark}+1 201${mark} 555 0123${mark}`)).toBe('+12015550123');
    },
  );

  it.each(Object.entries(DIGIT_ZEROS))('reads %s digits as the same number', (_script, zero) => {
    expect(normalizeE164(inScript('+44 20 7946 0958', zero))).toBe('+442079460958');
  });

  it('reads a right-to-left wrapped number written in Arabic-Indic digits', () => {
    expect(
      normalizeE164(
        '\u2067+\u0669\u0666\u0664 \u0667\u0667\u0660 \u0661\u0662\u0663 \u0664\u0665\u0666\u2069',
      ),
    ).toBe(normalizeE164('+964 770 123 456'));
  });

  it('normalises any valid number with such characters sprinkled in to its clean result (property)', () => {
    fc.assert(
      fc.property(
        cleanNumber.chain((clean) => pasted(clean.written).map((input) => ({ clean, input }))),
        ({ clean, input }) => {
          expect(normalizeE164(clean.written)).toBe(clean.e164);
          expect(normalizeE164(input)).toBe(clean.e164);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('parses a pasted sms: or twilio-sms: target to the clean number (property)', () => {
    fc.assert(
      fc.property(
        cleanNumber.chain((clean) =>
          fc
            .tuple(fc.constantFrom('sms:', 'twilio-sms:', ''), fc.constantFrom('', '\u200E', '\uFEFF'))
            .chain(([prefix, lead]) =>
              pasted(clean.written).map((number) => ({ clean, target: `${lead}${prefix}${number}` })),
            ),
        ),
        ({ clean, target }) => {
          expect(parseSmsTarget(target).to).toBe(clean.e164);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('normalises pasted allowFrom entries to the clean numbers (property)', () => {
    fc.assert(
      fc.property(
        fc
          .array(cleanNumber, { minLength: 1, maxLength: 4 })
          .chain((cleans) =>
            fc
              .tuple(...cleans.map((clean) => pasted(`sms:${clean.written}`)))
              .map((entries) => ({ cleans, entries })),
          ),
        ({ cleans, entries }) => {
          const expected = [...new Set(cleans.map((clean) => clean.e164))];
          expect(normalizeAllowFrom(entries)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps "*" in allowFrom when it comes wrapped in invisible marks', () => {
    expect(normalizeAllowFrom(['\u2066*\u2069', '+12015550123\u200B'])).toEqual(['*', '+12015550123']);
  });

  it('still refuses letters, with invisible characters around them, as contains-letters', () => {
    expect(reasonOf('+1-555-ABC\u200B-1234')).toBe('contains-letters');
    expect(reasonOf('\u200Ecall +1 201 555 0123\u200F')).toBe('contains-letters');
  });

  it('still refuses other junk, and digits of scripts libphonenumber does not read, as not-a-number', () => {
    expect(reasonOf('+1 201 555 0123 \u2060')).toBe('not-a-number');
    expect(reasonOf('+1 201 555 0123 #')).toBe('not-a-number');
    expect(reasonOf(inScript('+1 201 555 0123', 0x0966))).toBe('not-a-number');
  });

  it('says a string of invisible characters only is empty', () => {
    expect(reasonOf('\u200B\u200E\uFEFF')).toBe('empty');
  });

  it('refuses a pasted target that names another channel or holds letters', () => {
    expect(() => parseSmsTarget('\u200Ewhatsapp:+12015550123')).toThrow(InvalidTargetError);
    expect(() => parseSmsTarget('sms:+1 201 555 CALL')).toThrow(/contains letters/);
  });

  it('lists a pasted allowFrom entry with letters among the issues, with its reason', () => {
    let error: unknown;
    try {
      normalizeAllowFrom(['+12015550123\u200B', '+1-555-ABC\u00AD-1234']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidAllowFromError);
    expect((error as InvalidAllowFromError).issues).toMatchObject([{ index: 1, reason: 'contains-letters' }]);
  });
});

describe('cleanPastedNumberText', () => {
  it('removes the invisible formatting characters and folds digits, leaving the rest as written', () => {
    expect(cleanPastedNumberText('\u202B+\u0661 (\u06F2\u06F0\u06F1) \uFF15\u00AD55-0123\u202C')).toBe(
      '+1 (201) 555-0123',
    );
  });
});
