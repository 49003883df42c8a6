/**
 * Named failures of this package. Expected outcomes (a reply that needs three parts, a UCS-2 message) are
 * values; these are thrown only for a caller's programming mistake, such as options that no chunk could satisfy.
 */

/** Machine-readable reason carried by every {@link SmsTextError}. */
export type SmsTextErrorCode = 'invalid-input' | 'invalid-chunk-options';

/** Base class of every error thrown by `@sms-channel/sms-text`. */
export class SmsTextError extends Error {
  override readonly name: string = 'SmsTextError';
  readonly code: SmsTextErrorCode;

  constructor(code: SmsTextErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Thrown when a caller passes something other than a string where text is expected. */
export class InvalidSmsInputError extends SmsTextError {
  override readonly name = 'InvalidSmsInputError';

  constructor(what: string, received: unknown) {
    super('invalid-input', `${what} must be a string, received ${describe(received)}`);
  }
}

/** Thrown when `chunkSms` options are out of range or cannot be met (e.g. a part number longer than a part). */
export class InvalidChunkOptionsError extends SmsTextError {
  override readonly name = 'InvalidChunkOptionsError';
  /** The option at fault, e.g. `maxChars`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super('invalid-chunk-options', `${option}: ${message}`);
    this.option = option;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
