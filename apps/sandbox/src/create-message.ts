import { isE164 } from '@sms-channel/phone-policy';
import { countSegments, TWILIO_MAX_BODY_CHARS } from '@sms-channel/sms-text';
import type { FormParams } from '@sms-channel/twilio-signature';
import { httpUrlProblem } from './http-url.js';
import { MAX_MEDIA_PER_MESSAGE } from './media-types.js';
import { scheduleOutboundDelivery } from './outbound-delivery.js';
import { optOutScopeOf, type SandboxContext } from './sandbox-context.js';
import type { MessageDirection, SandboxMessage } from './sandbox-message.js';
import { countryOf } from './sandbox-options.js';
import { segmentsOf } from './segments-of.js';
import { createSid } from './sid.js';
import { type TwilioErrorAnswer, twilioError } from './twilio-error.js';
import { addMessage } from './update-message.js';

/** The result of a send: the created message, or the error Twilio would answer. */
export type CreateMessageResult =
  | { ok: true; message: SandboxMessage }
  | { ok: false; error: TwilioErrorAnswer };

/**
 * `POST Messages.json`: checks the form as Twilio does, in this order - `To` present (21604) and E.164 (21211);
 * `From` or `MessagingServiceSid` present (21603); a known service (21701); `From` one of the account's numbers
 * (21606) and not `To` itself (21266); `Body` or `MediaUrl` present (21602); `Body` at most 1,600 characters
 * (21617; counted in UTF-16 code units, the stricter reading); at most 10 `MediaUrl` (21623), each an absolute
 * http(s) URL (21620); media to a handset outside the US and Canada only with the MMS Converter on (21612); the
 * status callback an absolute http(s) URL (21609); the recipient not opted out of this sender (21610). Then
 * stores the message (`queued`, or `accepted` with no sender yet when only a Messaging Service was given; an
 * `MM` SID when it has media) and starts its delivery, which fetches the media. When both
 * `From` and `MessagingServiceSid` are given, `From` is the sender and the message is still associated with the
 * service.
 */
export function createMessage(context: SandboxContext, form: FormParams): CreateMessageResult {
  const to = firstValue(form, 'To');
  const from = firstValue(form, 'From');
  const serviceSid = firstValue(form, 'MessagingServiceSid');
  const body = firstValue(form, 'Body') ?? '';
  const mediaUrls = allValues(form, 'MediaUrl');
  const statusCallback = firstValue(form, 'StatusCallback');
  const fail = (error: TwilioErrorAnswer): CreateMessageResult => ({ ok: false, error });

  if (!to) return fail(twilioError(21604));
  if (!isE164(to)) return fail(twilioError(21211, `Invalid 'To' Phone Number: ${to}`));
  if (!from && !serviceSid) return fail(twilioError(21603));
  if (serviceSid && !context.services.has(serviceSid)) {
    return fail(
      twilioError(21701, `The Messaging Service SID ${serviceSid} does not exist for this account.`),
    );
  }
  if (from && !context.numbers.has(from)) {
    return fail(
      twilioError(
        21606,
        `The From phone number ${from} is not a valid, SMS-capable phone number of this account.`,
      ),
    );
  }
  if (from === to) return fail(twilioError(21266));
  if (body.length === 0 && mediaUrls.length === 0) return fail(twilioError(21602));
  if (body.length > TWILIO_MAX_BODY_CHARS) return fail(twilioError(21617));
  if (mediaUrls.length > MAX_MEDIA_PER_MESSAGE) {
    return fail(
      twilioError(
        21623,
        `${mediaUrls.length} media URLs: you may send up to 10 media files in a single message.`,
      ),
    );
  }
  if (!mediaUrls.every(isHttpUrl)) return fail(twilioError(21620));
  const mmsConverted = mediaUrls.length > 0 && countryOf(to) === undefined;
  if (mmsConverted && !context.options.mmsConverter) {
    return fail(
      twilioError(21612, `The 'To' phone number ${to} cannot receive MMS and the MMS Converter is off.`),
    );
  }
  if (statusCallback !== undefined && !isHttpUrl(statusCallback)) return fail(twilioError(21609));
  const scope = from ? optOutScopeOf(context, from) : (serviceSid ?? '');
  if (context.optOuts.isOptedOut(to, scope)) return fail(twilioError(21610));

  const message = queueMessage(context, {
    direction: 'outbound-api',
    from: from ?? null,
    to,
    body,
    mediaUrls,
    mmsConverted,
    messagingServiceSid: serviceSid ?? null,
    statusCallback: statusCallback ?? null,
  });
  return { ok: true, message };
}

/** What a new outbound message needs. */
export interface QueueMessageInput {
  direction: Exclude<MessageDirection, 'inbound'>;
  /** null: a Messaging Service picks the sender during delivery. */
  from: string | null;
  to: string;
  body: string;
  /** Fetched during delivery, as Twilio does. */
  mediaUrls?: string[];
  /** Goes as an SMS with links to the media (MMS Converter). */
  mmsConverted?: boolean;
  messagingServiceSid?: string | null;
  statusCallback?: string | null;
}

/** Stores an outbound message and starts its delivery (REST sends, TwiML and opt-out replies). */
export function queueMessage(context: SandboxContext, input: QueueMessageInput): SandboxMessage {
  const now = context.options.now();
  const counted = countSegments(input.body);
  const mediaUrls = input.mediaUrls ?? [];
  const message = addMessage(context, {
    sid: createSid(mediaUrls.length > 0 ? 'MM' : 'SM'),
    accountSid: context.options.accountSid,
    direction: input.direction,
    from: input.from,
    to: input.to,
    body: input.body,
    mediaUrls,
    media: [],
    mediaPending: mediaUrls.length > 0,
    mmsConverted: input.mmsConverted ?? false,
    // Twilio: "For messages sent via a Messaging Service, num_segments is initially 0".
    numSegments:
      input.from === null ? 0 : segmentsOf(input.body, mediaUrls.length > 0 && !input.mmsConverted),
    encoding: counted.encoding,
    status: input.from === null ? 'accepted' : 'queued',
    errorCode: null,
    errorMessage: null,
    messagingServiceSid: input.messagingServiceSid ?? null,
    statusCallback: input.statusCallback ?? null,
    dateCreated: now,
    dateUpdated: now,
    dateSent: null,
  });
  scheduleOutboundDelivery(context, message.sid);
  return message;
}

function firstValue(form: FormParams, key: string): string | undefined {
  const value = form[key];
  return Array.isArray(value) ? value[0] : value;
}

function allValues(form: FormParams, key: string): string[] {
  const value = form[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isHttpUrl(value: string): boolean {
  return httpUrlProblem(value) === undefined;
}
