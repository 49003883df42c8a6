/**
 * Named failures of this package. Expected outcomes (a reply that needs three parts, a UCS-2 message) are
 * values; these are thrown only for a caller's programming mistake, such as options that no chunk could satisfy.
 *
 * Each error carries a `Symbol.for` marker (the registry is shared by every copy of this package in a process:
 * its ESM and CJS builds, a copy bundled into a plugin), so `isSmsTextError` and the classes' `isInstance`
 * recognise an error thrown by another copy, where `instanceof` would not.
 */

/** Machine-readable reason carried by every {@link SmsTextError}. */
export type SmsTextErrorCode = 'invalid-input' | 'invalid-chunk-options';

const MARKER = 'sms-channel.sms-text.error';
const BASE = Symbol.for(MARKER);
const INVALID_INPUT = Symbol.for(`${MARKER}.InvalidSmsInputError`);
const INVALID_CHUNK_OPTIONS = Symbol.for(`${MARKER}.InvalidChunkOptionsError`);

function hasMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}

/** Base class of every error thrown by `@sms-channel/sms-text`. */
export class SmsTextError extends Error {
  readonly [BASE] = true;
  override readonly name: string = 'SmsTextError';
  readonly code: SmsTextErrorCode;

  constructor(code: SmsTextErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** Whether `value` is an error of this package, from any copy of it. */
  static isInstance(value: unknown): value is SmsTextError {
    return hasMarker(value, BASE);
  }
}

/** Whether `value` is an error thrown by `@sms-channel/sms-text` (any copy of it: ESM, CJS, bundled). */
export function isSmsTextError(value: unknown): value is SmsTextError {
  return hasMarker(value, BASE);
}

/** Thrown when a caller passes something other than a string where text is expected. */
export class InvalidSmsInputError extends SmsTextError {
  readonly [INVALID_INPUT] = true;
  override readonly name = 'InvalidSmsInputError';

  constructor(what: string, received: unknown) {
    super('invalid-input', `${what} must be a string, received ${describe(received)}`);
  }

  static override isInstance(value: unknown): value is InvalidSmsInputError {
    return hasMarker(value, INVALID_INPUT);
  }
}

/** Thrown when `chunkSms` options are out of range or cannot be met (e.g. a part number longer than a part). */
export class InvalidChunkOptionsError extends SmsTextError {
  readonly [INVALID_CHUNK_OPTIONS] = true;
  override readonly name = 'InvalidChunkOptionsError';
  /** The option at fault, e.g. `maxChars`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super('invalid-chunk-options', `${option}: ${message}`);
    this.option = option;
  }

  static override isInstance(value: unknown): value is InvalidChunkOptionsError {
    return hasMarker(value, INVALID_CHUNK_OPTIONS);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
