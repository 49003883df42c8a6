import { isConfigError, isConfigFileError } from '@sms-channel/config';
import {
  isInvalidAllowFromError,
  isInvalidPhoneNumberError,
  isInvalidTargetError,
} from '@sms-channel/phone-policy';
import { InvalidSmsInputError } from '@sms-channel/sms-text';
import { CliError, EXIT_FAILURE, EXIT_USAGE, type ExitCode } from './cli-error.js';

/** The input was at fault: flags and arguments, numbers and targets, the config file's content. */
function isBadInput(error: unknown): boolean {
  // Reading or writing the file failed (permissions, disk full): the input may be fine.
  if (isConfigFileError(error)) return false;
  return (
    isConfigError(error) ||
    isInvalidTargetError(error) ||
    isInvalidPhoneNumberError(error) ||
    isInvalidAllowFromError(error) ||
    error instanceof InvalidSmsInputError
  );
}

/** The error and its causes, outermost first (a bounded walk: a cause cycle cannot loop). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 8; ) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

/**
 * The exit code an error ends the command with (the table in the README's "Exit codes"): 2 when the input
 * was at fault (flags, targets, numbers, the config file's content, a secret ref it names that cannot be
 * read), 1 for everything else (the operation was attempted and failed). A failure caused by bad input is bad
 * input too: the gateway's agent wraps an unreadable `agent.apiKey` secret ref in its own error, and that is
 * the same config problem as an unreadable `authToken`.
 */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  return causeChain(error).some(isBadInput) ? EXIT_USAGE : EXIT_FAILURE;
}
