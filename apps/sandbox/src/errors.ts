/**
 * Named failures of the sandbox. Twilio-shaped API errors are not here: those are answers the sandbox gives
 * over HTTP (see `twilio-error.ts`); these are mistakes of the code or person driving the sandbox.
 */

/** Machine-readable reason carried by every {@link SandboxError}. */
export type SandboxErrorCode = 'invalid-options' | 'not-started' | 'invalid-input' | 'wait-timeout';

/** Base class of every error thrown by `@sms-channel/sandbox`. */
export class SandboxError extends Error {
  override readonly name: string = 'SandboxError';
  readonly code: SandboxErrorCode;

  constructor(code: SandboxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
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

  constructor(field: string, message: string) {
    super('invalid-input', `${field}: ${message}`);
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
