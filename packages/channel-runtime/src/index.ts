/**
 * @module @sms-channel/channel-runtime
 * The SMS channel core, host-agnostic: the webhook ingress over a small request interface (guards, signature,
 * durable admit, TwiML answer), the worker pool (per-sender order, leases, pacing), each message's processing
 * (opt-out keywords, access and pairing, the assistant turn, durable replies sent part by part) and the seams
 * a host fills: `Agent`, `SenderAccess`, `OutboundSender`, `Logger`. `createChannelRuntime` is what a host
 * calls; the standalone gateway and the OpenClaw plugin both do, so a behaviour fixed here is fixed for both.
 */
export {
  APPROVED_TEXT,
  approvalTurnKey,
  PAIRING_LIMIT_NOTICE,
  pairingMessage,
} from './access/pairing-texts.js';
export type { PairingRequest, SenderAccess } from './access/sender-access.js';
export { createStoreSenderAccess, type StoreSenderAccessOptions } from './access/store-sender-access.js';
export type { Agent, AgentMedia, AgentReply, AgentTurn, ReplyMedia } from './agent/agent.js';
export {
  type ChannelRuntime,
  type ChannelRuntimeOptions,
  createChannelRuntime,
} from './create-channel-runtime.js';
export {
  AccountUnusableError,
  AgentError,
  ChannelRuntimeError,
  EmptyMessageError,
  isAgentError,
  isChannelRuntimeError,
  MediaFileError,
  MediaLinkUnavailableError,
  RecipientOptedOutError,
  RuntimeOptionsError,
} from './errors.js';
export { DEFAULT_INGRESS_LIMITS, type IngressLimits } from './ingress/ingress-limits.js';
export { toWebhookRequest, writeWebhookResponse } from './ingress/node-webhook-adapter.js';
export type { BodyReadFailure, BodyReadResult, WebhookRequest } from './ingress/webhook-request.js';
export { normalizeRoutePath, type WebhookRoute } from './ingress/webhook-route.js';
export type { LogFields, Logger } from './logger.js';
export { silentLogger } from './logger.js';
export { type ChannelMedia, type ChannelMediaOptions, createChannelMedia } from './media/channel-media.js';
export { mediaBaseUrl } from './media/media-base-url.js';
export { MEDIA_ROUTE_PREFIX, type MediaHost, type PublishedMedia } from './media/media-host.js';
export {
  isMmsDestination,
  type NonMmsMedia,
  type PrepareReplyMediaOptions,
  prepareReplyMedia,
  type ReplyMediaPlan,
} from './media/prepare-reply-media.js';
export { describeError, oneLine } from './one-line.js';
export {
  type AccountProbe,
  type ProbeAccountOptions,
  type ProbeApi,
  type ProbeCheck,
  type ProbeCheckName,
  type ProbeCheckStatus,
  probeAccount,
} from './probe/probe-account.js';
export { formatReplyParts } from './reply/format-reply-parts.js';
export {
  createTwilioOutbound,
  type OutboundSender,
  type OutboundSendOptions,
  type TwilioOutboundOptions,
} from './reply/outbound-sender.js';
export type { ReplyPart, SentReply } from './reply/send-reply-parts.js';
export { type SendTextOptions, sendText } from './reply/send-text.js';
export {
  type AgentHistory,
  type CapturedConversationTurn,
  createTurnHistory,
  type TurnHistory,
} from './worker/turn-history.js';
