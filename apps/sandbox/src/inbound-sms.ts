import { classifyOptOutKeyword, isE164, type OptOutKeyword } from '@sms-channel/phone-policy';
import { countSegments, TWILIO_MAX_BODY_CHARS } from '@sms-channel/sms-text';
import { queueMessage } from './create-message.js';
import { SandboxInputError, SandboxNotStartedError } from './errors.js';
import { latencyOf } from './fault-rules.js';
import { collectHandsetMedia, type HandsetMediaFile } from './handset-media.js';
import { mediaContentPath } from './media-resource.js';
import { mediaRef } from './media-store.js';
import { API_VERSION } from './message-resource.js';
import { autoReplyFor, optOutTypeOf } from './opt-outs.js';
import { optOutScopeOf, type SandboxContext } from './sandbox-context.js';
import type { SandboxMessage } from './sandbox-message.js';
import { countryOf, type HandsetOptions, resolveHandset, type SandboxNumber } from './sandbox-options.js';
import { segmentsOf } from './segments-of.js';
import { sendWebhook, type WebhookResult } from './send-webhook.js';
import { createSid } from './sid.js';
import { readTwimlMessages } from './twiml-reply.js';
import { addMessage } from './update-message.js';

/** A text from a simulated handset. */
export interface HandsetSms {
  /** The handset's number (E.164). */
  from: string;
  /** The sandbox number texted. @default the sandbox's first number */
  to?: string;
  /** The text; may be empty when the handset sends media. */
  body: string;
  /**
   * Media of an MMS, by URL: the sandbox fetches each (as a carrier hands Twilio the bytes), stores it, and the
   * webhook gets Twilio's own media URL for it (`MediaUrlN`), never this one.
   */
  mediaUrls?: string[];
  /** Media of an MMS, as files the handset attaches (after the `mediaUrls` ones). */
  media?: HandsetMediaFile[];
}

/** What happened to a handset's text. */
export interface InboundResult {
  /** The inbound message (`SmsStatus=received`). */
  message: SandboxMessage;
  /** STOP / START / HELP, when the text was one of Twilio's keywords. */
  optOutType: 'STOP' | 'START' | 'HELP' | null;
  /** The webhook call, or null when the number has no `sms_url`. */
  webhook: WebhookResult | null;
  /** Messages the sandbox sent back: the keyword auto-reply and TwiML `<Message>` replies. */
  replies: SandboxMessage[];
}

/**
 * Checks a handset's text, fetches and stores its media, and stores the inbound message, before any webhook.
 *
 * @throws {SandboxInputError} naming the field at fault.
 * @throws {SandboxNotStartedError} for media before `start()` (their URLs need the sandbox's address).
 */
export async function receiveHandsetSms(
  context: SandboxContext,
  sms: HandsetSms,
): Promise<{ message: SandboxMessage; number: SandboxNumber; keyword: OptOutKeyword | null }> {
  if (!isE164(sms.from)) throw new SandboxInputError('from', `"${sms.from}" is not an E.164 number`);
  const number = context.numbers.get(sms.to ?? context.numbers.keys().next().value ?? '');
  if (!number) throw new SandboxInputError('to', `"${sms.to}" is not one of the sandbox's numbers`);
  if (typeof sms.body !== 'string') throw new SandboxInputError('body', 'must be a string');
  const mediaUrls = sms.mediaUrls ?? [];
  const files = sms.media ?? [];
  if (sms.body.length === 0 && mediaUrls.length + files.length === 0)
    throw new SandboxInputError('body', 'is empty (a text needs a body or media)');
  if (sms.body.length > TWILIO_MAX_BODY_CHARS)
    throw new SandboxInputError('body', `is over ${TWILIO_MAX_BODY_CHARS} characters`);
  if (mediaUrls.length + files.length > 0 && context.urls.api === null)
    throw new SandboxNotStartedError('a handset text with media');
  const inputs = await collectHandsetMedia(context, mediaUrls, files);
  if (!context.handsets.has(sms.from)) context.handsets.set(sms.from, resolveHandset(sms.from, 'from'));
  const now = context.options.now();
  const counted = countSegments(sms.body);
  const sid = createSid(inputs.length > 0 ? 'MM' : 'SM');
  const stored = inputs.map((input) => context.media.add(context.options.accountSid, sid, input, now));
  const message = addMessage(context, {
    sid,
    accountSid: context.options.accountSid,
    direction: 'inbound',
    from: sms.from,
    to: number.phoneNumber,
    body: sms.body,
    mediaUrls,
    media: stored.map(mediaRef),
    mediaPending: false,
    mmsConverted: false,
    numSegments: segmentsOf(sms.body, stored.length > 0),
    encoding: counted.encoding,
    status: 'received',
    errorCode: null,
    errorMessage: null,
    messagingServiceSid: number.messagingServiceSid,
    statusCallback: null,
    dateCreated: now,
    dateUpdated: now,
    dateSent: now,
  });
  return { message, number, keyword: classifyOptOutKeyword(sms.body) };
}

/**
 * A handset texts a sandbox number. As Twilio does: a keyword (STOP/START/HELP) updates the opt-out state and
 * gets the automatic reply; then the number's webhook (its Messaging Service's inbound URL when the service has
 * one) gets a signed form POST with every SMS field; a failed or slow answer is error 11200 and is retried with
 * the same `MessageSid` when retries are configured; `<Message>` verbs in a TwiML answer are sent back.
 */
export async function deliverHandsetSms(context: SandboxContext, sms: HandsetSms): Promise<InboundResult> {
  const { message, number, keyword } = await receiveHandsetSms(context, sms);
  return forwardInbound(context, message, number, keyword);
}

/** The webhook half of {@link deliverHandsetSms}, for callers that answered as soon as the message was stored. */
export async function forwardInbound(
  context: SandboxContext,
  message: SandboxMessage,
  number: SandboxNumber,
  keyword: OptOutKeyword | null,
): Promise<InboundResult> {
  const replies: SandboxMessage[] = [];
  if (keyword) {
    const scope = optOutScopeOf(context, number.phoneNumber);
    if (context.optOuts.apply(keyword, message.from ?? '', scope)) {
      const optedOut = context.optOuts.isOptedOut(message.from ?? '', scope);
      context.events.emit({ type: 'opt-out.changed', handset: message.from ?? '', scope, optedOut });
    }
    if (context.options.optOutReplies) replies.push(reply(context, number, message, autoReplyFor(keyword)));
  }
  const service = number.messagingServiceSid ? context.services.get(number.messagingServiceSid) : undefined;
  const url = service?.inboundRequestUrl ?? number.smsUrl;
  if (!url) return { message, optOutType: keyword && optOutTypeOf(keyword), webhook: null, replies };
  const faults = context.faults.take('webhook.inbound');
  const latency = faults.find((fault) => fault.kind === 'latency');
  const handset = context.handsets.get(message.from ?? '') ?? resolveHandset(message.from ?? '', 'from');
  const webhook = await sendWebhook(context, {
    kind: 'inbound',
    url,
    messageSid: message.sid,
    params: inboundParams(message, handset, number, keyword, context.urls.api ?? ''),
    retries: context.options.webhookRetries,
    duplicate: faults.some((fault) => fault.kind === 'duplicate'),
    latencyMs: latencyOf(latency),
  });
  for (const text of readTwimlMessages(webhook.answer?.body ?? '')) {
    const scope = optOutScopeOf(context, number.phoneNumber);
    if (!context.optOuts.isOptedOut(message.from ?? '', scope))
      replies.push(reply(context, number, message, text));
  }
  return { message, optOutType: keyword && optOutTypeOf(keyword), webhook, replies };
}

/**
 * Every field Twilio posts for an inbound SMS: the message SID under its three names, the account, the
 * Messaging Service (when the number is in one), both numbers with Twilio's geographic lookups, the body,
 * segment and media counts, `SmsStatus=received`, the API version, media URLs and types, and `OptOutType` for
 * keyword messages.
 */
export function inboundParams(
  message: SandboxMessage,
  handset: Required<HandsetOptions>,
  number: SandboxNumber,
  keyword: OptOutKeyword | null,
  apiBase: string,
): Record<string, string> {
  const params: Record<string, string> = {
    ToCountry: countryOf(number.phoneNumber) ?? '',
    ToState: '',
    SmsMessageSid: message.sid,
    NumMedia: String(message.media.length),
    ToCity: '',
    FromZip: handset.zip,
    SmsSid: message.sid,
    FromState: handset.state,
    SmsStatus: 'received',
    FromCity: handset.city,
    Body: message.body,
    FromCountry: handset.country,
    To: message.to,
    ToZip: '',
    NumSegments: String(message.numSegments),
    MessageSid: message.sid,
    AccountSid: message.accountSid,
    From: message.from ?? '',
    ApiVersion: API_VERSION,
  };
  if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
  // Twilio posts its own URL for each piece of media it stored, never the sender's: MediaUrl0 ... MediaUrl9.
  for (const [index, media] of message.media.entries()) {
    params[`MediaUrl${index}`] = apiBase + mediaContentPath(message.accountSid, message.sid, media.sid);
    params[`MediaContentType${index}`] = media.contentType;
  }
  if (keyword) params.OptOutType = optOutTypeOf(keyword);
  return params;
}

function reply(
  context: SandboxContext,
  number: SandboxNumber,
  to: SandboxMessage,
  body: string,
): SandboxMessage {
  return queueMessage(context, {
    direction: 'outbound-reply',
    from: number.phoneNumber,
    to: to.from ?? '',
    body,
    messagingServiceSid: number.messagingServiceSid,
  });
}
