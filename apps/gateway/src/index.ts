/**
 * @module @sms-channel/gateway
 * The SMS gateway as a library: `startGateway` (HTTP webhook per account, durable queue, workers), the
 * framework-agnostic webhook handler, the agents (echo, command, openai), the worker and its seams for the
 * OpenClaw plugin (`Agent`, `SenderAccess`, `OutboundSender`), the Twilio client and send helpers (retries with
 * Retry-After, explained errors, chunked replies with an outbound log), config sections and the logger.
 * The `sms-channel` command line is `dist/cli.js`.
 */

export type { Agent, AgentMedia, AgentReply, AgentTurn } from './agent/agent.js';
export {
  AgentCommandError,
  AgentConfigError,
  AgentError,
  AgentHttpError,
  AgentTimeoutError,
} from './agent/agent-error.js';
export { type CommandAgentOptions, createCommandAgent } from './agent/command-agent.js';
export { type CreateAgentOptions, createAgent } from './agent/create-agent.js';
export { createEchoAgent } from './agent/echo-agent.js';
export { createOpenAiAgent, type OpenAiAgentOptions } from './agent/openai-agent.js';
export { resolveApiKey } from './agent/resolve-api-key.js';
export {
  type AgentConfig,
  agentConfigSchema,
  type CommandAgentConfig,
  DEFAULT_AGENT_TIMEOUT_MS,
  DEFAULT_HISTORY_TURNS,
  type EchoAgentConfig,
  type OpenAiAgentConfig,
} from './app-config/agent-config-schema.js';
export {
  type AppConfig,
  type AppConfigValidation,
  appConfigIssues,
  appConfigSchema,
  validateAppConfig,
} from './app-config/app-config-schema.js';
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  type GatewayLimits,
  type GatewaySection,
  gatewayConfigSchema,
} from './app-config/gateway-config-schema.js';
export {
  type GatewayConfig,
  type LoadGatewayConfigOptions,
  loadGatewayConfig,
} from './app-config/load-gateway-config.js';
export type { SecretsMode, UnresolvedSecret } from './app-config/resolve-gateway-accounts.js';
export { resolveStateDir, STATE_DIR_ENV, STORE_FILE_NAME, storeFilePath } from './app-config/state-dir.js';
export { GatewayError } from './gateway-error.js';
export {
  type CreateLoggerOptions,
  createLogger,
  createSilentLogger,
  type GatewayLogger,
  type LogLevel,
  REDACTED_LOG_PATHS,
} from './logging/create-logger.js';
export { parseRetryAfter } from './retry/retry-after.js';
export { DEFAULT_RETRY, type RetryOptions, retryDelay } from './retry/retry-delay.js';
export { closeOnSignals } from './runtime/close-on-signals.js';
export {
  type GatewayRoute,
  type RunningGateway,
  type StartGatewayOptions,
  startGateway,
} from './runtime/start-gateway.js';
export {
  openThreadedStore,
  PAIRING_METHODS,
  STORE_METHODS,
  StoreThreadError,
  type ThreadedStoreOptions,
} from './store-thread/open-threaded-store.js';
export {
  type CreateTwilioClientOptions,
  createTwilioClient,
  TWILIO_API_ORIGIN,
  type TwilioClient,
  type TwilioClientAccount,
} from './twilio/create-twilio-client.js';
export {
  formatReplyParts,
  type ReplyPart,
  type ReplySender,
  type SendReplyOptions,
  type SendReplyPartsOptions,
  type SentReply,
  sendReply,
  sendReplyParts,
} from './twilio/send-reply.js';
export {
  type RetryNotice,
  type SendSmsOptions,
  type SentSms,
  type SmsMessageCreator,
  type SmsToSend,
  sendSms,
} from './twilio/send-sms.js';
export { TwilioApiError, type TwilioFailure, TwilioSendError } from './twilio/twilio-error.js';
export {
  EXPLAINED_TWILIO_CODES,
  explainTwilioCode,
  isRetryableTwilioFailure,
} from './twilio/twilio-error-codes.js';
export { asTwilioApiError } from './twilio/twilio-response-error.js';
export {
  createWebhookHandler,
  type WebhookHandler,
  type WebhookHandlerOptions,
} from './webhook/create-webhook-handler.js';
export {
  type BodyReadFailure,
  type BodyReadResult,
  handleWebhook,
  type WebhookDeps,
  type WebhookRequest,
} from './webhook/handle-webhook.js';
export { readNodeBody, toWebhookRequest, writeWebhookResponse } from './webhook/node-webhook-adapter.js';
export { EMPTY_TWIML, REASON_HEADER, twimlResponse, type WebhookResponse } from './webhook/twiml-response.js';
export { createWebhookGuards, type WebhookGuards } from './webhook/webhook-guards.js';
export { createWebhookRoutes, normalizeRoutePath, type WebhookRoute } from './webhook/webhook-route.js';
export { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from './worker/create-worker-pool.js';
export { type InboundMessage, readInboundMessage } from './worker/inbound-message.js';
export {
  createTwilioOutbound,
  type OutboundSender,
  type TwilioOutboundOptions,
} from './worker/outbound-sender.js';
export {
  type CompletedResult,
  type InboundOutcome,
  PAIRING_LIMIT_NOTICE,
  type ProcessInboundDeps,
  processInbound,
} from './worker/process-inbound.js';
export {
  createStoreSenderAccess,
  type PairingStep,
  type SenderAccess,
  type StoreSenderAccessOptions,
} from './worker/sender-access.js';
export { SenderPacer } from './worker/sender-pacer.js';
export {
  type AgentHistory,
  type CapturedConversationTurn,
  createTurnHistory,
  type TurnHistory,
} from './worker/turn-history.js';
