/**
 * @module @sms-channel/gateway
 * The SMS gateway as a library: its config sections, logger, Twilio client and send helpers (retries,
 * explained errors, chunked replies with an outbound log). The webhook, worker, agents and `startGateway`
 * are exported as they land; the `sms-channel` command line is `dist/cli.js`.
 */

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
export {
  type CreateTwilioClientOptions,
  createTwilioClient,
  TWILIO_API_ORIGIN,
  type TwilioClient,
  type TwilioClientAccount,
} from './twilio/create-twilio-client.js';
export { parseRetryAfter } from './twilio/retry-after.js';
export { DEFAULT_RETRY, type RetryOptions, retryDelay } from './twilio/retry-delay.js';
export {
  type ReplyPart,
  type ReplySender,
  type SendReplyOptions,
  type SentReply,
  sendReply,
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
