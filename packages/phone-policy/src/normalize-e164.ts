import { InvalidPhoneNumberError } from './errors.js';
import { type PhoneNumberOptions, parsePhoneNumberInput } from './parse-phone-number.js';

export type NormalizeE164Options = PhoneNumberOptions;

/**
 * Returns the E.164 form (`+<digits>`) of a phone number written by a person or a config file, or throws
 * `InvalidPhoneNumberError` whose `reason` says what is wrong.
 *
 * Accepts spaces, dashes, dots, parentheses, full-width digits, a `tel:`/`sms:` prefix and, with a
 * `defaultCountry`, national numbers and that country's international dialling prefix. Rejects letters,
 * a lone `+`, and numbers inside other text. By default a number of *possible* length is enough (Twilio may
 * deliver from ranges the metadata does not know yet, and docs use fictional 555 numbers); `strict: true`
 * demands an assigned range.
 */
export function normalizeE164(input: string, options: NormalizeE164Options = {}): string {
  const parsed = parsePhoneNumberInput(input, options);
  if (!parsed.ok) throw new InvalidPhoneNumberError(input, parsed.reason, parsed.detail);
  return parsed.e164;
}
