import { E164_SHAPE, parseNumberText } from './parse-phone-number.js';

/**
 * True when `value` is already a normalised E.164 number: exactly `+<digits>` as `normalizeE164` returns
 * it (no spaces or prefixes), with an existing country code and a possible length for that country.
 * `isE164(x)` holds exactly when `normalizeE164(x) === x`.
 */
export function isE164(value: unknown): value is string {
  if (typeof value !== 'string' || !E164_SHAPE.test(value)) return false;
  const parsed = parseNumberText(value);
  return parsed.ok && parsed.e164 === value;
}
