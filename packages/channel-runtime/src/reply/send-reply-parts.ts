import type { ResolvedSmsAccount } from '@sms-channel/config';
import { type DeliveryStatus, isDeliveryStatus, type OutboundLog } from '@sms-channel/store';
import { type SendMessageOptions, sendMessage, type TwilioRestClient } from '@sms-channel/twilio-messaging';
import type { Logger } from '../logger.js';
import { senderOf } from './sender-of.js';

/** One part of a reply. */
export interface ReplyPart {
  index: number;
  body: string;
  /** Twilio's Message SID. */
  sid: string;
  /** True when this call sent it; false when the outbound log showed it was sent before. */
  sentNow: boolean;
}

export interface SentReply {
  /** Every part of the reply, in order. Empty when the reply had no text. */
  parts: ReplyPart[];
}

export interface SendReplyPartsOptions {
  client: Pick<TwilioRestClient, 'createMessage'>;
  /** Where accepted parts are logged, so a resumed turn skips them. */
  outboundLog: Pick<OutboundLog, 'listOutboundParts' | 'recordOutboundPart'>;
  account: ResolvedSmsAccount;
  /** E.164 recipient. */
  to: string;
  /** The parts, formatted already (`formatReplyParts`, or a saved reply draft), sent as they are. */
  parts: readonly string[];
  /** Identifies this reply in the outbound log: the inbound `MessageSid` it answers, typically. */
  turnKey: string;
  /** Public URLs of media sent with the first part (MMS), checked against Twilio's limits already. */
  mediaUrls?: readonly string[] | undefined;
  /** Retry and wait options of each send. */
  send?: SendMessageOptions;
  logger?: Logger;
}

/**
 * Sends parts already formatted (a reply draft saved before sending), in order, each logged under `turnKey`
 * once Twilio accepted it; parts the log already holds are skipped, so a turn resumed after a crash or a
 * failed part does not resend what Twilio already took. Part `i` of the log is part `i` here: give a resumed
 * turn the very same parts (a saved draft), not a reformatted reply. Throws `TwilioSendError` when a part
 * cannot be sent (the parts before it stay logged).
 */
export async function sendReplyParts(options: SendReplyPartsOptions): Promise<SentReply> {
  const { account, outboundLog, turnKey, to } = options;
  const logged = new Map(
    (await outboundLog.listOutboundParts(account.accountId, turnKey)).map((part) => [part.partIndex, part]),
  );
  const sender = senderOf(account);
  const parts: ReplyPart[] = [];
  for (const [index, body] of options.parts.entries()) {
    const previous = logged.get(index);
    if (previous !== undefined) {
      parts.push({ index, body, sid: previous.messageSid, sentNow: false });
      continue;
    }
    const media = index === 0 && options.mediaUrls !== undefined && options.mediaUrls.length > 0;
    const sent = await sendMessage(
      options.client,
      {
        to,
        body,
        ...sender,
        statusCallback: account.publicWebhookUrl,
        ...(media ? { mediaUrls: options.mediaUrls } : {}),
      },
      options.send,
    );
    const status: DeliveryStatus = isDeliveryStatus(sent.status) ? sent.status : 'queued';
    const record = await outboundLog.recordOutboundPart(account.accountId, turnKey, {
      partIndex: index,
      messageSid: sent.sid,
      to,
      status,
    });
    if (!record.recorded && record.reason === 'part-conflict') {
      options.logger?.warn(
        { accountId: account.accountId, turnKey, partIndex: index, sid: sent.sid, logged: record.messageSid },
        'reply part was sent twice (another worker sent it first)',
      );
    }
    parts.push({ index, body, sid: sent.sid, sentNow: true });
  }
  return { parts };
}
