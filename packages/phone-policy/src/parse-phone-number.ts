import {
  type CountryCode,
  isSupportedCountry,
  ParseError,
  type PhoneNumber,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import type { InvalidPhoneNumberReason } from './errors.js';
import { cleanPastedNumberText } from './pasted-number-text.js';

/**
 * Shared by `normalizeE164` and `describePhoneNumber`: turns text into a libphonenumber `PhoneNumber`, or
 * says why not. The number rules are libphonenumber's (with the `max` metadata, so that `isValid()` checks
 * assigned ranges and not just lengths); what is hand-written here is only the gate in front of it, because
 * libphonenumber is deliberately forgiving (it reads vanity letters and extensions) and we must not be.
 */

/** Options shared by the number parsers. */
export interface PhoneNumberOptions {
  /**
   * ISO 3166-1 alpha-2 country (`US`, `DE`...) used for numbers written without `+`: national numbers and
   * numbers dialled with that country's international prefix (`00`, `011`...).
   * @default undefined (only `+<country code>...` numbers are accepted)
   */
  defaultCountry?: string;
  /**
   * Demand a number in an assigned range (libphonenumber's *valid*) rather than one of a possible length.
   * @default false
   */
  strict?: boolean;
}

export type ParsedPhoneNumber =
  | { ok: true; phoneNumber: PhoneNumber; e164: string }
  | { ok: false; reason: InvalidPhoneNumberReason; detail: string };

const SCHEME = /^(?:tel|sms):/i;
const LETTER = /\p{L}/u;
// A leading `+`, then digits and the separators people write: spaces, dashes of every width, dots, parentheses.
const NUMBER_SHAPE = /^\+?[\d\s\-.()\u2010-\u2015\u2212]*$/u;
const E164_SHAPE = /^\+[1-9]\d{1,14}$/;

const DETAIL: Record<InvalidPhoneNumberReason, string> = {
  empty: 'it is empty',
  'contains-letters':
    'it contains letters (vanity numbers, extensions and surrounding text are not accepted)',
  'not-a-number':
    'it is not a phone number (only digits, a leading "+", spaces, dashes, dots and parentheses)',
  'too-short': 'it has too few digits for its country',
  'too-long': 'it has too many digits for its country',
  'invalid-length': 'its number of digits is not used in its country',
  'invalid-country-code': 'the country calling code after "+" does not exist',
  'needs-country': 'it has no "+<country code>"; write it in international form or give a default country',
  'unknown-default-country': 'the default country is not a known ISO 3166-1 alpha-2 code',
  'not-assigned': 'it has a possible length but is not in an assigned number range',
};

function fail(reason: InvalidPhoneNumberReason): ParsedPhoneNumber {
  return { ok: false, reason, detail: DETAIL[reason] };
}

const LIBPHONENUMBER_REASON: Record<string, InvalidPhoneNumberReason> = {
  NOT_A_NUMBER: 'not-a-number',
  INVALID_COUNTRY: 'invalid-country-code',
  TOO_SHORT: 'too-short',
  TOO_LONG: 'too-long',
  INVALID_LENGTH: 'invalid-length',
};

function fromLibphonenumber(code: string): ParsedPhoneNumber {
  return fail(LIBPHONENUMBER_REASON[code] ?? 'not-a-number');
}

function resolveCountry(defaultCountry: string | undefined): CountryCode | undefined | null {
  if (defaultCountry === undefined) return undefined;
  const upper = defaultCountry.toUpperCase();
  return isSupportedCountry(upper) ? upper : null;
}

/** Strips one `tel:` or `sms:` prefix; callers that select a channel by prefix strip their own first. */
export function stripNumberScheme(text: string): string {
  return text.replace(SCHEME, '').trim();
}

/**
 * Parses text that must be a whole phone number and nothing else. `text` has had any scheme removed.
 */
export function parseNumberText(input: unknown, options: PhoneNumberOptions = {}): ParsedPhoneNumber {
  if (typeof input !== 'string') return fail('not-a-number');
  const text = cleanPastedNumberText(input).trim();
  if (text === '') return fail('empty');
  if (LETTER.test(text)) return fail('contains-letters');
  if (!NUMBER_SHAPE.test(text) || !/\d/.test(text)) return fail('not-a-number');
  const country = resolveCountry(options.defaultCountry);
  if (country === null) return fail('unknown-default-country');
  const international = text.startsWith('+');
  // Without a country, a national number would get a `+` glued on and land in another country.
  if (!international && country === undefined) return fail('needs-country');

  let phoneNumber: PhoneNumber;
  try {
    phoneNumber = parsePhoneNumberWithError(text, { defaultCountry: country, extract: false });
  } catch (error) {
    if (error instanceof ParseError) return fromLibphonenumber(error.message);
    throw error;
  }
  const lengthProblem = validatePhoneNumberLength(text, { defaultCountry: country });
  if (lengthProblem !== undefined) return fromLibphonenumber(lengthProblem);
  if (!phoneNumber.isPossible()) return fail('invalid-length');
  const e164 = phoneNumber.number;
  // E.164 caps a number at 15 digits; libphonenumber's lengths never exceed it, but the output contract is ours.
  if (!E164_SHAPE.test(e164)) return fail('too-long');
  if (options.strict === true && !phoneNumber.isValid()) return fail('not-assigned');
  return { ok: true, phoneNumber, e164 };
}

/** `parseNumberText` after removing an optional `tel:`/`sms:` prefix. */
export function parsePhoneNumberInput(input: unknown, options: PhoneNumberOptions = {}): ParsedPhoneNumber {
  if (typeof input !== 'string') return fail('not-a-number');
  const trimmed = cleanPastedNumberText(input).trim();
  if (trimmed === '') return fail('empty');
  return parseNumberText(stripNumberScheme(trimmed), options);
}

export { E164_SHAPE };
