import { TwilioMessagingArgumentError } from './errors.js';
import type { RetryOptions } from './retry-delay.js';
import { retryWithBackoff } from './retry-with-backoff.js';
import { type TwilioApiError, TwilioSendError } from './twilio-api-error.js';
import { asTwilioApiError } from './twilio-error-from.js';
import type { CreateMessageParams, TwilioMessage, TwilioRestClient } from './twilio-rest-client.js';

/** What Twilio accepted. */
export interface SentMessage {
  sid: string;
  /** The status in Twilio's answer (`queued`, or `accepted` through a Messaging Service). */
  status: string;
  /** Requests made, the first one included. */
  attempts: number;
  /** Twilio's whole answer. */
  message: TwilioMessage;
}

/** A retry about to happen. */
export interface RetryNotice {
  /** The attempt that failed (1 = the first). */
  attempt: number;
  delayMs: number;
  error: TwilioApiError;
}

export interface SendMessageOptions extends RetryOptions {
  /** Called before each wait, e.g. to log it. */
  onRetry?: ((notice: RetryNotice) => void) | undefined;
  /** Waits (tests replace it). @default node's timers/promises setTimeout */
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Abandons the waits between attempts (shutdown). */
  signal?: AbortSignal | undefined;
  /**
   * Looks for the message in Twilio after an attempt that got no answer, before sending it again: such a request
   * may have been accepted (Twilio has no idempotency key). Resolving with a message ends the attempts with it;
   * `undefined` sends again. Errors it throws end the attempts as that error.
   */
  findAccepted?: (() => Promise<TwilioMessage | undefined>) | undefined;
}

/**
 * Sends one message through Twilio's Messages API. HTTP 429 (code 20429), 5xx and requests that got no answer
 * are retried with exponential backoff and jitter, waiting at least Twilio's `Retry-After`; other 4xx answers
 * are final. Throws `TwilioSendError` (its `retryable` tells the caller whether to queue the message for later).
 * A request that got no answer may still have been accepted by Twilio, which has no idempotency key: give
 * `findAccepted` to look for it before sending again (callers that must not send twice also record their intent
 * before the first attempt, for the case where the process dies; see the channel runtime).
 */
export async function sendMessage(
  client: Pick<TwilioRestClient, 'createMessage'>,
  params: CreateMessageParams,
  options: SendMessageOptions = {},
): Promise<SentMessage> {
  if (params.from === undefined && params.messagingServiceSid === undefined) {
    throw new TwilioMessagingArgumentError('from', 'sendMessage needs a sender: from or messagingServiceSid');
  }
  let unanswered = false;
  return retryWithBackoff(
    async (attempt) => {
      const found = unanswered ? await options.findAccepted?.() : undefined;
      if (found !== undefined)
        return { sid: found.sid, status: found.status, attempts: attempt - 1, message: found };
      try {
        const message = await client.createMessage(params);
        return { sid: message.sid, status: message.status, attempts: attempt, message };
      } catch (error) {
        unanswered = asTwilioApiError(error)?.status === 0;
        throw error;
      }
    },
    {
      ...options,
      failureOf: asTwilioApiError,
      giveUp: (error, attempts) => new TwilioSendError(error, { attempts, to: params.to }),
    },
  );
}
