import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { OptOutRegistry } from '@sms-channel/store';
import { EmptyMessageError, RecipientOptedOutError } from '../errors.js';
import { formatReplyParts } from './format-reply-parts.js';
import type { OutboundSender } from './outbound-sender.js';
import type { SentReply } from './send-reply-parts.js';

export interface SendTextOptions {
  account: ResolvedSmsAccount;
  /** E.164 recipient. */
  to: string;
  /** Markdown, formatted and cut like an assistant reply. */
  markdown: string;
  /** The outbound-log key: the same key sends nothing twice (a host's redelivery of one message). */
  turnKey: string;
  optOuts: Pick<OptOutRegistry, 'isOptedOut'>;
  outbound: OutboundSender;
}

/**
 * A message the owner or the host sends (`message send`), not an answer to a text: refused with
 * `RecipientOptedOutError` when the recipient texted STOP (Twilio would refuse with 21610 anyway), formatted
 * like a reply within the account's `textChunkLimit`, refused with `EmptyMessageError` when nothing is left to
 * send, then sent part by part with each accepted part logged under `turnKey`.
 */
export async function sendText(options: SendTextOptions): Promise<SentReply> {
  const { account, to } = options;
  if (await options.optOuts.isOptedOut(account.accountId, to)) {
    throw new RecipientOptedOutError(account.accountId, to);
  }
  const parts = await formatReplyParts(options.markdown, account);
  if (parts.length === 0) throw new EmptyMessageError();
  return options.outbound.send(account, to, parts, options.turnKey);
}
