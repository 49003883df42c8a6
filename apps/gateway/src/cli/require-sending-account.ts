import type { ResolvedSmsAccount } from '@sms-channel/config';
import { UsageError } from './cli-error.js';

/**
 * An account the CLI can send from: enabled, with credentials (its secret ref read) and a sender; otherwise bad
 * input (exit 2).
 */
export function requireSendingAccount(account: ResolvedSmsAccount): ResolvedSmsAccount {
  if (!account.enabled) {
    throw new UsageError(`SMS account "${account.accountId}" is disabled (enabled: false in the config)`);
  }
  if (account.unreadSecret !== undefined) {
    throw new UsageError(`SMS account "${account.accountId}" cannot send: ${account.unreadSecret.message}`);
  }
  if (!account.complete) {
    throw new UsageError(
      `SMS account "${account.accountId}" cannot send: missing ${account.missing.join(', ')} (config or TWILIO_* env vars)`,
    );
  }
  return account;
}
