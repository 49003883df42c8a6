import {
  describePhoneNumber,
  isInvalidAllowFromError,
  normalizeAllowFrom,
  parseSmsTarget,
} from '@sms-channel/phone-policy';

/**
 * The phone-number checks the schema and the resolver need, on top of `@sms-channel/phone-policy` (the
 * number rules live there). Numbers are accepted in its default *possible* mode; a number that is possible
 * but not in an assigned range comes back with a warning, since docs use fictional 555 numbers and Twilio
 * may deliver from ranges the metadata does not know yet.
 */
export type NumberCheck = { ok: true; e164: string; warning?: string } | { ok: false; message: string };

/** The "*" allowFrom entry. */
export const ANY_SENDER = '*';

function described(input: string): NumberCheck {
  const description = describePhoneNumber(input);
  if (!description.ok)
    return { ok: false, message: `${JSON.stringify(input)} is not a phone number: ${description.message}` };
  if (description.valid) return { ok: true, e164: description.e164 };
  const warning = description.warnings[0] ?? `${description.e164} is not in an assigned number range`;
  return { ok: true, e164: description.e164, warning };
}

/** A sender number (`fromNumber`): international form, `+<country code>...`. */
export function checkPhoneNumber(input: string): NumberCheck {
  return described(input);
}

/** One `allowFrom` entry: `"*"`, or a number with an optional `sms:` prefix. */
export function checkAllowFromEntry(input: string): NumberCheck {
  let value: string;
  try {
    value = normalizeAllowFrom([input])[0] ?? input;
  } catch (error) {
    if (!isInvalidAllowFromError(error)) throw error;
    return {
      ok: false,
      message: error.issues[0]?.message ?? `${JSON.stringify(input)} is not a phone number or "*"`,
    };
  }
  return value === ANY_SENDER ? { ok: true, e164: ANY_SENDER } : described(value);
}

/** A message target (`defaultTo`): `sms:+1...`, `twilio-sms:+1...` or a bare number. */
export function checkSmsTarget(input: string): NumberCheck {
  try {
    return described(parseSmsTarget(input).to);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
