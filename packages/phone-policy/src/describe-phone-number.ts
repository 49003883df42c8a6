import type { InvalidPhoneNumberReason } from './errors.js';
import { type PhoneNumberOptions, parsePhoneNumberInput } from './parse-phone-number.js';

export type DescribePhoneNumberOptions = Omit<PhoneNumberOptions, 'strict'>;

/** What kind of line libphonenumber believes a number is, when its metadata knows. */
export type PhoneNumberType =
  | 'mobile'
  | 'fixed-line'
  | 'fixed-line-or-mobile'
  | 'toll-free'
  | 'premium-rate'
  | 'shared-cost'
  | 'voip'
  | 'personal-number'
  | 'pager'
  | 'uan'
  | 'voicemail';

/** A number that parsed; `valid: false` means "possible length, but not in an assigned range": warn, do not reject. */
export interface PhoneNumberDescription {
  ok: true;
  e164: string;
  /** Country calling code without `+` (`1`, `44`...). */
  countryCallingCode: string;
  /** ISO 3166-1 alpha-2 country, when the number identifies one. */
  country?: string;
  /** The number is in an assigned range (what `normalizeE164(..., { strict: true })` demands). */
  valid: boolean;
  type?: PhoneNumberType;
  /** Human-readable cautions, e.g. for config validation or the CLI to print. Empty when `valid`. */
  warnings: string[];
}

export interface PhoneNumberProblem {
  ok: false;
  reason: InvalidPhoneNumberReason;
  message: string;
}

const TYPES: Record<string, PhoneNumberType> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed-line',
  FIXED_LINE_OR_MOBILE: 'fixed-line-or-mobile',
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  SHARED_COST: 'shared-cost',
  VOIP: 'voip',
  PERSONAL_NUMBER: 'personal-number',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

/**
 * Tells what a phone number is without throwing: its E.164 form, country and line type, and whether it is
 * only *possible* (accepted by `normalizeE164` by default) rather than *valid*, so callers can warn.
 */
export function describePhoneNumber(
  input: string,
  options: DescribePhoneNumberOptions = {},
): PhoneNumberDescription | PhoneNumberProblem {
  const parsed = parsePhoneNumberInput(input, { defaultCountry: options.defaultCountry });
  if (!parsed.ok) return { ok: false, reason: parsed.reason, message: parsed.detail };
  const { phoneNumber, e164 } = parsed;
  const valid = phoneNumber.isValid();
  const rawType = phoneNumber.getType();
  const type = rawType === undefined ? undefined : TYPES[rawType];
  const description: PhoneNumberDescription = {
    ok: true,
    e164,
    countryCallingCode: phoneNumber.countryCallingCode,
    valid,
    warnings: valid
      ? []
      : [`${e164} has a possible length but is not in an assigned number range (fictional or very new)`],
  };
  if (phoneNumber.country !== undefined) description.country = phoneNumber.country;
  if (type !== undefined) description.type = type;
  return description;
}
