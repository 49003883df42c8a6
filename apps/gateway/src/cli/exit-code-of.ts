import { isChannelRuntimeError } from '@sms-channel/channel-runtime';
import { isConfigError, isConfigFileError } from '@sms-channel/config';
import {
  isInvalidAllowFromError,
  isInvalidPhoneNumberError,
  isInvalidTargetError,
} from '@sms-channel/phone-policy';
import { InvalidSmsInputError } from '@sms-channel/sms-text';
import { isMmsLimitError } from '@sms-channel/twilio-messaging';
import { CliError, EXIT_FAILURE, EXIT_USAGE, type ExitCode } from './cli-error.js';

/** Media the owner gave that cannot go: a file that cannot be read, or no public HTTPS origin to serve it. */
const MEDIA_INPUT_CODES = new Set(['SMS_MEDIA_FILE_UNUSABLE', 'SMS_MEDIA_LINK_UNAVAILABLE']);

/** The input was at fault: flags and arguments, numbers and targets, the config file's content, media given. */
function isBadInput(error: unknown): boolean {
  // Reading or writing the file failed (permissions, disk full): the input may be fine.
  if (isConfigFileError(error)) return false;
  return (
    isConfigError(error) ||
    // Twilio's MMS limits, and media files: the input is at fault, nothing was sent.
    isMmsLimitError(error) ||
    (isChannelRuntimeError(error) && MEDIA_INPUT_CODES.has(error.code)) ||
    isInvalidTargetError(error) ||
    isInvalidPhoneNumberError(error) ||
    isInvalidAllowFromError(error) ||
    InvalidSmsInputError.isInstance(error)
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
