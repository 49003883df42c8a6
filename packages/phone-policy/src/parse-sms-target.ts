import { InvalidPhoneNumberError, InvalidTargetError } from './errors.js';
import { type PhoneNumberOptions, parseNumberText, stripNumberScheme } from './parse-phone-number.js';
import { cleanPastedNumberText } from './pasted-number-text.js';

/** Which prefix selected the SMS channel: `twilio-sms:` is the unambiguous one when another channel owns `sms:`. */
export type SmsTargetPrefix = 'sms' | 'twilio-sms';

export interface SmsTarget {
  channel: 'sms';
  /** The recipient, E.164. */
  to: string;
  /** The prefix the target was written with; `null` for a bare number. */
  prefix: SmsTargetPrefix | null;
}

export type ParseSmsTargetOptions = PhoneNumberOptions;

const CHANNEL_PREFIX = /^(twilio-sms|sms):/i;
// Any other `scheme:` (whatsapp:, signal:, mailto:...) names another channel; `tel:` is just a number.
const OTHER_SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Parses a message target such as `sms:+15551234567`, `twilio-sms:+15551234567` or a bare number.
 * Throws `InvalidTargetError` (with the number's `InvalidPhoneNumberError` as `cause`) for anything else.
 */
export function parseSmsTarget(target: string, options: ParseSmsTargetOptions = {}): SmsTarget {
  if (typeof target !== 'string') throw new InvalidTargetError(target, 'a target must be a string');
  // A target pasted from a web page may carry invisible marks before its prefix too.
  const text = cleanPastedNumberText(target).trim();
  const channel = CHANNEL_PREFIX.exec(text);
  let prefix: SmsTargetPrefix | null = null;
  let rest = text;
  if (channel?.[1] !== undefined) {
    prefix = channel[1].toLowerCase() === 'sms' ? 'sms' : 'twilio-sms';
    rest = text.slice(channel[0].length).trim();
  } else {
    const other = OTHER_SCHEME.exec(text);
    if (other?.[1] !== undefined && other[1].toLowerCase() !== 'tel') {
      throw new InvalidTargetError(
        target,
        `"${other[1]}:" is not this channel; write sms:+<number>, twilio-sms:+<number> or a bare +<number>`,
      );
    }
    rest = stripNumberScheme(text);
  }
  // The number after the prefix gets no second prefix: `sms:sms:+1...` is a mistake, not a number.
  const parsed = parseNumberText(rest, options);
  if (!parsed.ok) {
    const cause = new InvalidPhoneNumberError(rest, parsed.reason, parsed.detail);
    throw new InvalidTargetError(target, `the phone number is not valid: ${parsed.detail}`, { cause });
  }
  return { channel: 'sms', to: parsed.e164, prefix };
}
