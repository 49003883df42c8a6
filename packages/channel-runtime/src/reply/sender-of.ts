import type { ResolvedSmsAccount } from '@sms-channel/config';

/**
 * Who a message comes from. DESIGN.md: "If `fromNumber` and `messagingServiceSid` are both set, `fromNumber` is
 * used" - so the Messaging Service is named only for an account without a number.
 */
export function senderOf(
  account: Pick<ResolvedSmsAccount, 'fromNumber' | 'messagingServiceSid'>,
): { from: string } | { messagingServiceSid: string | undefined } {
  return account.fromNumber !== undefined
    ? { from: account.fromNumber }
    : { messagingServiceSid: account.messagingServiceSid };
}
