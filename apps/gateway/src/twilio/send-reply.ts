import { type DeliveryStatus, isDeliveryStatus, type OutboundLog } from '@sms-channel/store';
import type { GatewayLogger } from '../logging/create-logger.js';
import { type SendSmsOptions, type SmsMessageCreator, sendSms } from './send-sms.js';

type SmsText = typeof import('@sms-channel/sms-text');
let smsText: Promise<SmsText> | undefined;

/**
 * The markdown parser behind `formatSmsReply` (unified, micromark) is the largest part of the gateway's start-up
 * time; it is loaded with the first reply instead, so the webhook listens sooner.
 */
function loadSmsText(): Promise<SmsText> {
  smsText ??= import('@sms-channel/sms-text');
  return smsText;
}

/** Who a reply comes from: the parts of a resolved account `sendReply` needs. */
export interface ReplySender {
  accountId: string;
  /** E.164; wins over `messagingServiceSid`. */
  fromNumber?: string | undefined;
  messagingServiceSid?: string | undefined;
  /** Longest part, in characters (the account's `textChunkLimit`, at most 1,600). */
  textChunkLimit: number;
  /** Twilio's `StatusCallback` for each part (the account's public webhook URL). */
  statusCallback?: string | undefined;
}

export interface SendReplyOptions {
  client: SmsMessageCreator;
  /** Where accepted parts are logged, so a resumed turn skips them. */
  outboundLog: Pick<OutboundLog, 'listOutboundParts' | 'recordOutboundPart'>;
  sender: ReplySender;
  /** E.164 recipient. */
  to: string;
  /** The reply as markdown (an assistant's usual output); turned into SMS plain text. */
  markdown: string;
  /** Identifies this reply in the outbound log: the inbound `MessageSid` it answers, typically. */
  turnKey: string;
  /** Retry and wait options of each `sendSms`. */
  send?: SendSmsOptions;
  logger?: GatewayLogger;
}

/** One part of a reply. */
export interface ReplyPart {
  index: number;
  body: string;
  /** Twilio's Message SID. */
  sid: string;
  /** True when this call sent it; false when the log showed it was sent before. */
  sentNow: boolean;
}

export interface SentReply {
  /** Every part of the reply, in order. Empty when the reply had no text. */
  parts: ReplyPart[];
}

/**
 * The SMS parts of a markdown reply: `formatSmsReply` (plain text, cut at `textChunkLimit` characters, ` (i/n)`
 * appended when there is more than one part). Empty text gives no parts.
 */
export async function formatReplyParts(markdown: string, textChunkLimit: number): Promise<string[]> {
  const { formatSmsReply } = await loadSmsText();
  return formatSmsReply(markdown, { maxChars: textChunkLimit });
}

/**
 * Sends a markdown reply as SMS: `formatReplyParts`, then `sendReplyParts`. Each part Twilio accepts is logged
 * under `turnKey` before the next one is sent, and parts already in the log are skipped: a turn resumed after
 * a crash or a failed part does not resend what Twilio already took. Throws `TwilioSendError` when a part
 * cannot be sent (the parts before it stay logged).
 */
export async function sendReply(options: SendReplyOptions): Promise<SentReply> {
  const { markdown, ...rest } = options;
  return sendReplyParts({ ...rest, parts: await formatReplyParts(markdown, options.sender.textChunkLimit) });
}

export interface SendReplyPartsOptions extends Omit<SendReplyOptions, 'markdown'> {
  /** The parts, formatted already (`formatReplyParts`, or a saved reply draft), sent as they are. */
  parts: readonly string[];
}

/**
 * Sends parts already formatted (a reply draft saved before sending), in order, each through `sendSms`, each
 * logged under `turnKey` once Twilio accepted it; parts the log already holds are skipped. Part `i` of the
 * log is part `i` here: give a resumed turn the very same parts (a saved draft), not a reformatted reply.
 */
export async function sendReplyParts(options: SendReplyPartsOptions): Promise<SentReply> {
  const { sender, outboundLog, turnKey, to } = options;
  const bodies = options.parts;
  const logged = new Map(
    (await outboundLog.listOutboundParts(sender.accountId, turnKey)).map((part) => [part.partIndex, part]),
  );
  const parts: ReplyPart[] = [];
  for (const [index, body] of bodies.entries()) {
    const previous = logged.get(index);
    if (previous !== undefined) {
      parts.push({ index, body, sid: previous.messageSid, sentNow: false });
      continue;
    }
    const sent = await sendSms(
      options.client,
      {
        to,
        body,
        from: sender.fromNumber,
        messagingServiceSid: sender.fromNumber === undefined ? sender.messagingServiceSid : undefined,
        statusCallback: sender.statusCallback,
      },
      options.send,
    );
    const status: DeliveryStatus = isDeliveryStatus(sent.status) ? sent.status : 'queued';
    const record = await outboundLog.recordOutboundPart(sender.accountId, turnKey, {
      partIndex: index,
      messageSid: sent.sid,
      to,
      status,
    });
    if (!record.recorded && record.reason === 'part-conflict') {
      options.logger?.warn(
        { accountId: sender.accountId, turnKey, partIndex: index, sid: sent.sid, logged: record.messageSid },
        'reply part was sent twice (another worker sent it first)',
      );
    }
    parts.push({ index, body, sid: sent.sid, sentNow: true });
  }
  return { parts };
}
