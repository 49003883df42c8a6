import type { ResolvedSmsAccount } from '@sms-channel/config';
import { type DeliveryStatus, isDeliveryStatus, type OutboundLog } from '@sms-channel/store';
import { type SendMessageOptions, sendMessage, type TwilioRestClient } from '@sms-channel/twilio-messaging';
import type { Logger } from '../logger.js';
import { bodyHashOf, findAcceptedPart } from './find-accepted-part.js';
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
  client: Pick<TwilioRestClient, 'createMessage' | 'listMessages'>;
  /**
   * Where accepted parts are logged, so a resumed turn skips them, and where the intent to send each part is
   * recorded before its request, so a part Twilio accepted just before a crash is found, not sent again.
   */
  outboundLog: Pick<
    OutboundLog,
    'listOutboundParts' | 'recordOutboundPart' | 'recordSendIntent' | 'listSendIntents'
  >;
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
 *
 * Exactly once: the intent to send a part is recorded before its first request. A part with an intent from an
 * earlier run but no logged SID may have been accepted just before that run died; Twilio's Messages list is
 * asked first (`findAcceptedPart`) and the part is sent only when Twilio has no such message. The same question
 * is asked before retrying a request that got no answer.
 */
export async function sendReplyParts(options: SendReplyPartsOptions): Promise<SentReply> {
  const { account, outboundLog, turnKey, to, client } = options;
  const [loggedParts, earlierIntents] = await Promise.all([
    outboundLog.listOutboundParts(account.accountId, turnKey),
    outboundLog.listSendIntents(account.accountId, turnKey),
  ]);
  const logged = new Map(loggedParts.map((part) => [part.partIndex, part]));
  const loggedSids = new Set(loggedParts.map((part) => part.messageSid));
  const intents = new Map(earlierIntents.map((intent) => [intent.partIndex, intent]));
  const sender = senderOf(account);
  const from = 'from' in sender ? sender.from : sender.messagingServiceSid;
  const parts: ReplyPart[] = [];
  for (const [index, body] of options.parts.entries()) {
    const previous = logged.get(index);
    if (previous !== undefined) {
      parts.push({ index, body, sid: previous.messageSid, sentNow: false });
      continue;
    }
    const media = index === 0 && options.mediaUrls !== undefined && options.mediaUrls.length > 0;
    const intent =
      intents.get(index) ??
      (
        await outboundLog.recordSendIntent(account.accountId, turnKey, {
          partIndex: index,
          to,
          from,
          bodyHash: bodyHashOf(body),
        })
      ).intent;
    const find = () => findAcceptedPart(client, intent, loggedSids);
    const adopted = intents.has(index) ? await find() : undefined;
    const sent =
      adopted === undefined
        ? await sendMessage(
            client,
            {
              to,
              body,
              ...sender,
              statusCallback: account.publicWebhookUrl,
              ...(media ? { mediaUrls: options.mediaUrls } : {}),
            },
            { ...options.send, findAccepted: find },
          )
        : { sid: adopted.sid, status: adopted.status };
    if (adopted !== undefined) {
      options.logger?.info(
        { accountId: account.accountId, turnKey, partIndex: index, sid: adopted.sid },
        'reply part was accepted by Twilio before a crash: adopted, not sent again',
      );
    }
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
    loggedSids.add(sent.sid);
    parts.push({ index, body, sid: sent.sid, sentNow: adopted === undefined });
  }
  return { parts };
}
