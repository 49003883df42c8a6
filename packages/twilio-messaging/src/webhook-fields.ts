/**
 * A webhook form as received (`parseFormBody` of `@sms-channel/twilio-signature`) or as stored (JSON): each key
 * holds a string, or an array of strings when Twilio repeated it. Anything else is ignored: the form was signed
 * by Twilio but is still input.
 */
export type WebhookForm = Readonly<Record<string, unknown>>;

/** The fields of any Messages webhook (an inbound message or a status callback) a channel routes on. */
export interface WebhookFields {
  accountSid: string | undefined;
  messageSid: string | undefined;
  from: string | undefined;
  to: string | undefined;
  messagingServiceSid: string | undefined;
  /** Present on status callbacks only. */
  messageStatus: string | undefined;
  errorCode: number | undefined;
}

/** A media attachment of an inbound message (`MediaUrlN`, `MediaContentTypeN`). */
export interface InboundMedia {
  url: string;
  contentType: string | undefined;
}

/** An inbound message (SMS or MMS) as its webhook describes it. */
export interface InboundMessage {
  messageSid: string | undefined;
  accountSid: string | undefined;
  from: string | undefined;
  to: string | undefined;
  messagingServiceSid: string | undefined;
  /** `''` for a media-only message. */
  body: string;
  /** Twilio's `OptOutType` (Advanced Opt-Out: `STOP`, `START`, `HELP`), when sent. */
  optOutType: string | undefined;
  /** At most 10 (Twilio's limit), in `MediaUrlN` order. */
  media: InboundMedia[];
  /** Twilio's `NumSegments`, when sent. */
  numSegments: number | undefined;
}

/** Twilio sends at most 10 media per message. */
export const MAX_INBOUND_MEDIA = 10;

function one(form: WebhookForm, key: string): string | undefined {
  const value = form[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

function integer(form: WebhookForm, key: string): number | undefined {
  const text = one(form, key);
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/**
 * The routing fields of a webhook. `MessageSid` falls back to `SmsSid` / `SmsMessageSid`, which Twilio sends
 * with the same value (older integrations only read those).
 */
export function readWebhookFields(form: WebhookForm): WebhookFields {
  return {
    accountSid: one(form, 'AccountSid'),
    messageSid: one(form, 'MessageSid') ?? one(form, 'SmsSid') ?? one(form, 'SmsMessageSid'),
    from: one(form, 'From'),
    to: one(form, 'To'),
    messagingServiceSid: one(form, 'MessagingServiceSid'),
    messageStatus: one(form, 'MessageStatus'),
    errorCode: integer(form, 'ErrorCode'),
  };
}

/**
 * An inbound message. Twilio: "NumMedia: the number of media items associated with your message", each with
 * `MediaUrl{i}` and `MediaContentType{i}` for i < NumMedia (at most 10); entries without a URL are skipped.
 */
export function readInboundMessage(form: WebhookForm): InboundMessage {
  const fields = readWebhookFields(form);
  const count = Math.min(MAX_INBOUND_MEDIA, integer(form, 'NumMedia') ?? 0);
  const media: InboundMedia[] = [];
  for (let i = 0; i < count; i += 1) {
    const url = one(form, `MediaUrl${i}`);
    if (url !== undefined) media.push({ url, contentType: one(form, `MediaContentType${i}`) });
  }
  return {
    messageSid: fields.messageSid,
    accountSid: fields.accountSid,
    from: fields.from,
    to: fields.to,
    messagingServiceSid: fields.messagingServiceSid,
    body: one(form, 'Body') ?? '',
    optOutType: one(form, 'OptOutType'),
    media,
    numSegments: integer(form, 'NumSegments'),
  };
}

/** The form as a plain JSON object (a parsed form may have a null prototype), repeated keys kept as arrays. */
export function formToJson(form: WebhookForm): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(form)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value))
      out[key] = value.filter((item): item is string => typeof item === 'string');
  }
  return out;
}
