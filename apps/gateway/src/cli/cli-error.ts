import { GatewayError } from '../gateway-error.js';

/**
 * Failures the command line reports itself. Library errors keep their own classes; `exitCodeOf` maps every
 * error to an exit code, and only the CLI turns errors into exit codes (STYLE.md rule 4).
 */

/** Exit codes of `sms-channel` (DESIGN.md "Command line"). */
export const EXIT_OK = 0;
/** The operation was attempted and failed (Twilio refused, the store is unreadable, a probe failed...). */
export const EXIT_FAILURE = 1;
/** Bad usage or bad input: an unknown flag or channel, a bad phone number, an invalid config file. */
export const EXIT_USAGE = 2;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FAILURE | typeof EXIT_USAGE;

/** Base of the CLI's own failures; `exitCode` is what the process exits with. */
export class CliError extends GatewayError {
  readonly exitCode: ExitCode;

  constructor(code: string, message: string, exitCode: ExitCode, options: { cause?: unknown } = {}) {
    super(code, message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Bad usage or bad input (exit 2): the command cannot run as written. */
export class UsageError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CLI_USAGE', message, EXIT_USAGE, options);
    this.name = 'UsageError';
  }
}

/** The command ran and its operation failed (exit 1). */
export class OperationFailedError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CLI_FAILED', message, EXIT_FAILURE, options);
    this.name = 'OperationFailedError';
  }
}
