/** Base class of every error this package throws; `code` is stable, `message` is for people. */
export class TwilioSignatureError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TwilioSignatureError';
    this.code = code;
  }
}

/**
 * Thrown when the caller's own options are unusable (no auth token, no public URL, unknown
 * algorithm): a programming or configuration mistake, never something a request can cause.
 */
export class InvalidOptionsError extends TwilioSignatureError {
  /** The option at fault, e.g. `authToken`. */
  readonly option: string;

  constructor(option: string, message: string, options?: { cause?: unknown }) {
    super('ERR_TWILIO_SIGNATURE_OPTIONS', message, options);
    this.name = 'InvalidOptionsError';
    this.option = option;
  }
}
