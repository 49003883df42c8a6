import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { OptOutRegistry } from '@sms-channel/store';
import type { ReplyMedia } from '../agent/agent.js';
import { EmptyMessageError, RecipientOptedOutError } from '../errors.js';
import { silentLogger } from '../logger.js';
import type { ChannelMedia } from '../media/channel-media.js';
import { type NonMmsMedia, prepareReplyMedia } from '../media/prepare-reply-media.js';
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
  /** Media sent with the first part (MMS): public URLs, or local files `channelMedia` serves. @default none */
  media?: readonly ReplyMedia[] | undefined;
  /** The host's media directory: needed for local files (served to Twilio by the running host). */
  channelMedia?: ChannelMedia | undefined;
  /** Media to a number MMS does not reach (outside the US and Canada). @default "error" */
  nonMms?: NonMmsMedia | undefined;
}

/**
 * A message the owner or the host sends (`message send`), not an answer to a text: refused with
 * `RecipientOptedOutError` when the recipient texted STOP (Twilio would refuse with 21610 anyway), formatted
 * like a reply within the account's `textChunkLimit`, refused with `EmptyMessageError` when nothing is left to
 * send, then sent part by part with each accepted part logged under `turnKey`. Media go with the first part,
 * checked first against Twilio's limits (`MmsLimitError`); local files need `channelMedia` and an https public
 * origin (`MediaLinkUnavailableError`).
 */
export async function sendText(options: SendTextOptions): Promise<SentReply> {
  const { account, to } = options;
  if (await options.optOuts.isOptedOut(account.accountId, to)) {
    throw new RecipientOptedOutError(account.accountId, to);
  }
  let parts = await formatReplyParts(options.markdown, account);
  const plan = await prepareReplyMedia({
    account,
    to,
    media: options.media ?? [],
    host: options.channelMedia?.host,
    baseUrl: options.channelMedia?.baseUrl,
    textBytes: Buffer.byteLength(parts[0] ?? '', 'utf8'),
    onRefused: 'throw',
    nonMms: options.nonMms ?? 'error',
    logger: silentLogger,
  });
  if (plan.appendix !== undefined) {
    const markdown =
      options.markdown.trim() === '' ? plan.appendix : `${options.markdown}\n\n${plan.appendix}`;
    parts = await formatReplyParts(markdown, account);
  }
  if (parts.length === 0 && plan.urls.length === 0) throw new EmptyMessageError();
  const sent = await options.outbound.send(
    account,
    to,
    parts.length === 0 ? [''] : parts,
    options.turnKey,
    plan.urls.length === 0 ? undefined : { mediaUrls: plan.urls },
  );
  const first = sent.parts[0];
  if (plan.tokens.length > 0 && first?.sentNow === true) {
    await options.channelMedia?.host.markSent(plan.tokens, {
      accountId: account.accountId,
      messageSid: first.sid,
    });
  }
  return sent;
}
