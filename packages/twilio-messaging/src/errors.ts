/**
 * The base error of `@sms-channel/twilio-messaging`. Every class of the package carries a `Symbol.for` marker,
 * so the `isXxx` guards recognise an error made by another copy of this package (its ESM and CJS builds, or a
 * bundled plugin), where `instanceof` would not.
 */

const MESSAGING_ERROR = Symbol.for('sms-channel.twilio-messaging.error');

/** Whether `value` is an object carrying `marker` (set by the class that owns it). */
export function hasMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && Reflect.get(value, marker) === true;
}

/** Base of every failure this package throws: `name`, a stable `code`, and the `cause`. */
export class TwilioMessagingError extends Error {
  readonly [MESSAGING_ERROR] = true;
  /** Stable identifier of the failure, e.g. `TWILIO_SEND_FAILED`. */
  readonly code: string;

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TwilioMessagingError';
    this.code = code;
  }
}

/** Whether `value` is an error of this package (from any copy of it). */
export function isTwilioMessagingError(value: unknown): value is TwilioMessagingError {
  return hasMarker(value, MESSAGING_ERROR);
}

const ARGUMENT_ERROR = Symbol.for('sms-channel.twilio-messaging.argument-error');

/** A call was given arguments it cannot work with (a message without a sender...): a caller's bug, named. */
export class TwilioMessagingArgumentError extends TwilioMessagingError {
  readonly [ARGUMENT_ERROR] = true;
  /** The argument at fault. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super('TWILIO_MESSAGING_BAD_ARGUMENT', message);
    this.name = 'TwilioMessagingArgumentError';
    this.argument = argument;
  }
}

/** Whether `value` is a `TwilioMessagingArgumentError`, from any copy of this package. */
export function isTwilioMessagingArgumentError(value: unknown): value is TwilioMessagingArgumentError {
  return hasMarker(value, ARGUMENT_ERROR);
}
