/**
 * @module @sms-channel/twilio-messaging
 * Twilio's Messages wire, for any channel built on it (SMS, MMS, WhatsApp, RCS): a REST client for Messages,
 * IncomingPhoneNumbers and Messaging Services on the `twilio` SDK (loaded on first use; base URL overridable),
 * sends retried with backoff honouring `Retry-After`, `TwilioApiError` with Twilio's code explained, the
 * fields of inbound and status-callback webhooks, and TwiML answers. No SMS policy: who may talk, what to
 * answer and how to cut text are the caller's.
 */

export { preloadTwilioSdk, TWILIO_API_ORIGIN, type TwilioClientAccount } from './create-twilio-client.js';
export {
  isTwilioMessagingArgumentError,
  isTwilioMessagingError,
  TwilioMessagingArgumentError,
  TwilioMessagingError,
} from './errors.js';
export {
  type FetchedTwilioMedia,
  type FetchTwilioMediaOptions,
  fetchTwilioMedia,
} from './fetch-twilio-media.js';
export { extensionOfMediaType, mediaTypeOfFileName } from './media-extension.js';
export {
  checkMmsMedia,
  isMmsMediaType,
  MMS_IMAGE_TYPES,
  MMS_MAX_MEDIA,
  MMS_MAX_OTHER_BYTES,
  MMS_MAX_TOTAL_BYTES,
  MMS_OTHER_TYPES,
  type MmsMediaFacts,
  mediaTypeOf,
} from './mms-media-rules.js';
export { parseRetryAfter } from './retry-after.js';
export { DEFAULT_RETRY, type RetryOptions, retryDelay } from './retry-delay.js';
export {
  type AttemptFailure,
  type BackoffNotice,
  type RetryWithBackoffOptions,
  retryWithBackoff,
} from './retry-with-backoff.js';
export {
  type RetryNotice,
  type SendMessageOptions,
  type SentMessage,
  sendMessage,
} from './send-message.js';
export {
  type ContentTypeVerdict,
  judgeContentType,
  SNIFF_BYTES,
  sniffMediaType,
} from './sniff-media-type.js';
export {
  isTwilioApiError,
  isTwilioSendError,
  TwilioApiError,
  type TwilioFailure,
  TwilioSendError,
} from './twilio-api-error.js';
export {
  explainTwilioCode,
  isRetryableTwilioFailure,
  type KnownTwilioErrorCode,
  TWILIO_ERROR_CODES,
  type TwilioErrorCodeInfo,
  twilioErrorCodeInfo,
  twilioErrorUrl,
} from './twilio-error-codes.js';
export { asTwilioApiError, twilioErrorFromResponse } from './twilio-error-from.js';
export {
  isMmsLimitError,
  isTwilioMediaError,
  type MediaFailureReason,
  MmsLimitError,
  type MmsLimitRule,
  TwilioMediaError,
} from './twilio-media-error.js';
export { parseTwilioMediaUrl, type TwilioMediaOwner, type TwilioMediaUrl } from './twilio-media-url.js';
export {
  type CreateMessageParams,
  createTwilioRestClient,
  type ListMessagesFilter,
  type TwilioAccount,
  type TwilioApplication,
  type TwilioMessage,
  type TwilioMessagingService,
  type TwilioPhoneNumber,
  type TwilioRestClient,
  type TwilioRestClientOptions,
  type TwilioServiceNumber,
} from './twilio-rest-client.js';
export { EMPTY_TWIML, REASON_HEADER, twimlResponse, type WebhookResponse } from './twiml.js';
export {
  formToJson,
  type InboundMedia,
  type InboundMessage,
  MAX_INBOUND_MEDIA,
  readInboundMessage,
  readWebhookFields,
  type WebhookFields,
  type WebhookForm,
} from './webhook-fields.js';
