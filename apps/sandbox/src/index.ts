/**
 * @module @sms-channel/sandbox
 * A local Twilio look-alike for demos and tests: the Messages REST API the `twilio` SDK calls, signed inbound
 * webhooks and status callbacks, MMS media (the Media subresource, Basic-auth media URLs that redirect to a
 * separate CDN origin), Twilio's STOP/START/HELP handling, fault injection, and a web "dev phone".
 * Start it in-process with `createSandbox(options).start()`, or run the `sms-sandbox` command.
 */
export { createSandbox, type Sandbox } from './create-sandbox.js';
export {
  isSandboxError,
  isSandboxInputError,
  isSandboxNotStartedError,
  isSandboxOptionsError,
  isSandboxWaitTimeoutError,
  SandboxError,
  type SandboxErrorCode,
  SandboxInputError,
  SandboxNotStartedError,
  SandboxOptionsError,
  SandboxWaitTimeoutError,
} from './errors.js';
export {
  DEFAULT_OVERSIZED_BYTES,
  type FaultInput,
  type FaultKind,
  type FaultRoute,
  type FaultRule,
  type FaultSpec,
  REST_ROUTES,
  type RestRoute,
} from './fault-rules.js';
export type { HandsetMediaFile } from './handset-media.js';
export type { HandsetSms, InboundResult } from './inbound-sms.js';
export type { MediaResource } from './media-resource.js';
export type { SandboxMedia } from './media-store.js';
export {
  ACCEPTED_OTHER_TYPES,
  FULLY_SUPPORTED_TYPES,
  MAX_MEDIA_PER_MESSAGE,
  MAX_MESSAGE_MEDIA_BYTES,
  MAX_OTHER_MEDIA_BYTES,
} from './media-types.js';
export type { MessageResource } from './message-resource.js';
export type { MessageFilter } from './message-store.js';
export type { SandboxAdmin } from './sandbox-admin.js';
export type {
  CdnRequest,
  SandboxAlert,
  SandboxEvent,
  SandboxEventListener,
  WebhookAttempt,
  WebhookKind,
} from './sandbox-event.js';
export type {
  MessageDirection,
  MessageStatus,
  SandboxMessage,
  SandboxMessageMedia,
} from './sandbox-message.js';
export {
  DEFAULT_ACCOUNT_SID,
  DEFAULT_AUTH_TOKEN,
  DEFAULT_HANDSET,
  DEFAULT_NUMBER,
  type HandsetOptions,
  type MessagingServiceOptions,
  type SandboxMessagingService,
  type SandboxNumber,
  type SandboxNumberOptions,
  type SandboxOptions,
} from './sandbox-options.js';
export type { MessageCriteria, SandboxPhones } from './sandbox-phones.js';
export type { WebhookResult } from './send-webhook.js';
export { formatTwilioDate } from './twilio-date.js';
export type { TwilioErrorBody, TwilioErrorCode } from './twilio-error.js';
