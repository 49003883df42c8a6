import type { ResolvedSmsAccount } from '@sms-channel/config';
import { AccountUnusableError } from '../errors.js';

/**
 * Who a message comes from: the account's resolved `sender` (DESIGN.md: "If `fromNumber` and
 * `messagingServiceSid` are both set, `fromNumber` is used", after config and env are resolved - the config
 * package decides that, once). An account without a sender cannot send.
 */
export function senderOf(
  account: Pick<ResolvedSmsAccount, 'accountId' | 'sender' | 'missing'>,
): { from: string } | { messagingServiceSid: string } {
  const { sender } = account;
  if (sender === undefined) {
    throw new AccountUnusableError(account.accountId, `missing ${account.missing.join(', ') || 'a sender'}`);
  }
  return sender.kind === 'number' ? { from: sender.from } : { messagingServiceSid: sender.sid };
}
