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

/**
 * The exit code an error ends the command with: 2 when the input was at fault (flags, targets, numbers, the
 * config file's content), 1 for everything else (the operation was attempted and failed).
 */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  // Reading or writing the file failed (permissions, disk full): the input may be fine.
  if (isConfigFileError(error)) return EXIT_FAILURE;
  if (isConfigError(error)) return EXIT_USAGE;
  // Twilio's MMS limits, and media files: the input is at fault, nothing was sent.
  if (isMmsLimitError(error)) return EXIT_USAGE;
  if (isChannelRuntimeError(error) && MEDIA_INPUT_CODES.has(error.code)) return EXIT_USAGE;
  if (
    isInvalidTargetError(error) ||
    isInvalidPhoneNumberError(error) ||
    isInvalidAllowFromError(error) ||
    error instanceof InvalidSmsInputError
  ) {
    return EXIT_USAGE;
  }
  return EXIT_FAILURE;
}
