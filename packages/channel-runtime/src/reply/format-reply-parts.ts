import type { ResolvedSmsAccount } from '@sms-channel/config';

type SmsText = typeof import('@sms-channel/sms-text');
let smsText: Promise<SmsText> | undefined;

/**
 * The markdown parser behind `formatSmsReply` (unified, micromark) is the largest part of a host's start-up
 * time; it is loaded with the first reply instead, so the webhook listens sooner.
 */
function loadSmsText(): Promise<SmsText> {
  smsText ??= import('@sms-channel/sms-text');
  return smsText;
}

/**
 * The SMS parts of a markdown reply for an account: `formatSmsReply` (plain text, cut at the account's
 * `textChunkLimit` characters, ` (i/n)` appended when there is more than one part), with the characters Twilio's
 * Smart Encoding replaces replaced when the account's `smartEncoding` is on (a part that needs UCS-2 anyway keeps
 * them). Empty text gives no parts.
 */
export async function formatReplyParts(
  markdown: string,
  account: Pick<ResolvedSmsAccount, 'textChunkLimit' | 'smartEncoding'>,
): Promise<string[]> {
  const { formatSmsReply } = await loadSmsText();
  return formatSmsReply(markdown, { maxChars: account.textChunkLimit, smartEncoding: account.smartEncoding });
}
