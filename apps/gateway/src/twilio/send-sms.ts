import type { RetryOptions } from '../retry/retry-delay.js';
import { retryWithBackoff } from '../retry/retry-with-backoff.js';
import { type TwilioApiError, TwilioSendError } from './twilio-error.js';
import { asTwilioApiError } from './twilio-response-error.js';

/** The part of the `twilio` SDK client `sendSms` uses (the real client fits; tests may pass another). */
export interface SmsMessageCreator {
  messages: {
    create(params: {
      to: string;
      body: string;
      from?: string;
      messagingServiceSid?: string;
      statusCallback?: string;
      mediaUrl?: string[];
    }): Promise<{ sid: string; status: string }>;
  };
}

/** One SMS to send. */
export interface SmsToSend {
  /** E.164 recipient. */
  to: string;
  /** At most 1,600 characters (Twilio's limit for `Body`). */
  body: string;
  /** E.164 sender; wins over `messagingServiceSid` when both are set. */
  from?: string | undefined;
  messagingServiceSid?: string | undefined;
  /** Where Twilio POSTs delivery statuses. */
  statusCallback?: string | undefined;
  /** Public media URLs (MMS). */
  mediaUrls?: string[] | undefined;
}

/** What Twilio accepted. */
export interface SentSms {
  sid: string;
  /** The status in Twilio's answer (`queued`, or `accepted` through a Messaging Service). */
  status: string;
  /** Requests made, the first one included. */
  attempts: number;
}

/** A retry about to happen. */
export interface RetryNotice {
  /** The attempt that failed (1 = the first). */
  attempt: number;
  delayMs: number;
  error: TwilioApiError;
}

export interface SendSmsOptions extends RetryOptions {
  /** Called before each wait, e.g. to log it. */
  onRetry?: (notice: RetryNotice) => void;
  /** Waits (tests replace it). @default node's timers/promises setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** Abandons the waits between attempts (shutdown). */
  signal?: AbortSignal;
}

function paramsOf(sms: SmsToSend) {
  const sender =
    sms.from !== undefined ? { from: sms.from } : { messagingServiceSid: sms.messagingServiceSid };
  return {
    to: sms.to,
    body: sms.body,
    ...sender,
    ...(sms.statusCallback === undefined ? {} : { statusCallback: sms.statusCallback }),
    ...(sms.mediaUrls === undefined || sms.mediaUrls.length === 0 ? {} : { mediaUrl: sms.mediaUrls }),
  };
}

/**
 * Sends one SMS through Twilio's Messages API (`client.messages.create`). HTTP 429 (code 20429), 5xx and
 * requests that got no answer are retried with exponential backoff and jitter, waiting at least Twilio's
 * `Retry-After`; other 4xx answers are final. Throws `TwilioSendError` (its `retryable` tells the caller
 * whether to queue the message for later). A request that timed out may have been accepted by Twilio, so a
 * retry can, rarely, deliver a message twice; Twilio's Messages API has no idempotency key to prevent it.
 */
export async function sendSms(
  client: SmsMessageCreator,
  sms: SmsToSend,
  options: SendSmsOptions = {},
): Promise<SentSms> {
  if (sms.from === undefined && sms.messagingServiceSid === undefined) {
    throw new TypeError('sendSms needs a sender: from or messagingServiceSid');
  }
  const params = paramsOf(sms);
  return retryWithBackoff(
    async (attempt) => {
      const message = await client.messages.create(params);
      return { sid: message.sid, status: message.status, attempts: attempt };
    },
    {
      ...options,
      failureOf: asTwilioApiError,
      giveUp: (error, attempts) => new TwilioSendError(error, { attempts, to: sms.to }),
    },
  );
}
