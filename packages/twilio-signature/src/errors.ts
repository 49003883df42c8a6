/**
 * Each class carries a `Symbol.for(...)` marker and has an `is...Error(value)` guard that reads it. Recognise
 * errors with the guards rather than `instanceof`: the symbols are registry-wide, so an error thrown by another
 * copy of this package (the CJS build next to the ESM one, a copy bundled into a plugin) is still recognised.
 */
const MARKER = 'sms-channel.twilio-signature.error';
const TWILIO_SIGNATURE_ERROR: unique symbol = Symbol.for(MARKER);
const INVALID_OPTIONS_ERROR: unique symbol = Symbol.for(`${MARKER}.InvalidOptionsError`);

function hasMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && Reflect.get(value, marker) === true;
}

/** Base class of every error this package throws; `code` is stable, `message` is for people. */
export class TwilioSignatureError extends Error {
  readonly [TWILIO_SIGNATURE_ERROR] = true;
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TwilioSignatureError';
    this.code = code;
  }
}

/**
 * Thrown when the caller's own options are unusable (no auth token, unknown algorithm, params that
 * are not strings): a programming or configuration mistake, never something a request can cause.
 */
export class InvalidOptionsError extends TwilioSignatureError {
  readonly [INVALID_OPTIONS_ERROR] = true;
  /** The option at fault, e.g. `authToken`. */
  readonly option: string;

  constructor(option: string, message: string, options?: { cause?: unknown }) {
    super('ERR_TWILIO_SIGNATURE_OPTIONS', message, options);
    this.name = 'InvalidOptionsError';
    this.option = option;
  }
}

/** Whether `value` is any error of this package, from whichever copy of it. */
export function isTwilioSignatureError(value: unknown): value is TwilioSignatureError {
  return hasMarker(value, TWILIO_SIGNATURE_ERROR);
}

/** Whether `value` is an {@link InvalidOptionsError}, from whichever copy of this package. */
export function isInvalidOptionsError(value: unknown): value is InvalidOptionsError {
  return hasMarker(value, INVALID_OPTIONS_ERROR);
}
