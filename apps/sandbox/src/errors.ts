/**
 * Named failures of the sandbox. Twilio-shaped API errors are not here: those are answers the sandbox gives
 * over HTTP (see `twilio-error.ts`); these are mistakes of the code or person driving the sandbox.
 *
 * Recognise them with `isSandboxError`, `isSandboxInputError`... rather than `instanceof`: the guards read a
 * `Symbol.for` marker and the stable `code`, so they also recognise an error made by another copy of this
 * package (its ESM and CJS builds side by side in one test run, a bundled copy).
 */

/** The marker every `SandboxError` carries, shared by every copy of this package through the global registry. */
const sandboxErrorMarker = Symbol.for('sms-channel.sandbox.error');

/** Machine-readable reason carried by every {@link SandboxError}. */
export type SandboxErrorCode = 'invalid-options' | 'not-started' | 'invalid-input' | 'wait-timeout';

/** Base class of every error thrown by `@sms-channel/sandbox`. */
export class SandboxError extends Error {
  override readonly name: string = 'SandboxError';
  readonly code: SandboxErrorCode;

  constructor(code: SandboxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    Object.defineProperty(this, sandboxErrorMarker, { value: true });
  }
}

/** Thrown by `createSandbox` (and the CLI) when an option is invalid; `option` names it. */
export class SandboxOptionsError extends SandboxError {
  override readonly name = 'SandboxOptionsError';
  readonly option: string;

  constructor(option: string, message: string) {
    super('invalid-options', `${option}: ${message}`);
    this.option = option;
  }
}

/** Thrown when something needs the server (its URL, a send) before `start()` resolved or after `stop()`. */
export class SandboxNotStartedError extends SandboxError {
  override readonly name = 'SandboxNotStartedError';

  constructor(what: string) {
    super('not-started', `${what} needs a started sandbox: await sandbox.start() first`);
  }
}

/** Thrown by the library API (phones, admin) for input the HTTP API would answer with 400. */
export class SandboxInputError extends SandboxError {
  override readonly name = 'SandboxInputError';
  readonly field: string;

  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super('invalid-input', `${field}: ${message}`, options);
    this.field = field;
  }
}

/** Thrown by `waitForMessage` when nothing matching arrived in time. */
export class SandboxWaitTimeoutError extends SandboxError {
  override readonly name = 'SandboxWaitTimeoutError';

  constructor(what: string, timeoutMs: number) {
    super('wait-timeout', `no ${what} within ${timeoutMs} ms`);
  }
}

/** Whether `value` is an error of this package (made by any copy of it). */
export function isSandboxError(value: unknown): value is SandboxError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [sandboxErrorMarker]?: unknown })[sandboxErrorMarker] === true
  );
}

function guard<T extends SandboxError>(code: SandboxErrorCode): (value: unknown) => value is T {
  return (value: unknown): value is T => isSandboxError(value) && value.code === code;
}

/** Whether `value` is a {@link SandboxOptionsError} (from any copy of this package). */
export const isSandboxOptionsError = guard<SandboxOptionsError>('invalid-options');
/** Whether `value` is a {@link SandboxNotStartedError} (from any copy of this package). */
export const isSandboxNotStartedError = guard<SandboxNotStartedError>('not-started');
/** Whether `value` is a {@link SandboxInputError} (from any copy of this package). */
export const isSandboxInputError = guard<SandboxInputError>('invalid-input');
/** Whether `value` is a {@link SandboxWaitTimeoutError} (from any copy of this package). */
export const isSandboxWaitTimeoutError = guard<SandboxWaitTimeoutError>('wait-timeout');
