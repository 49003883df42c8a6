/**
 * @module @sms-channel/config
 * Turns what a person wrote (a JSON5 config file, env vars, secret refs) into validated, fully resolved SMS
 * accounts: the zod schema of `channels.sms` (and its JSON Schema), cross-field rules, account resolution,
 * config files (load, merge patch, diff, atomic write) and redaction. Other config sections pass through
 * untouched for the app to validate.
 */
export {
  type AppliedConfigPatch,
  type ApplyConfigPatchOptions,
  applyConfigPatch,
} from './apply-config-patch.js';
export {
  ConfigError,
  ConfigFileError,
  ConfigFileNotFoundError,
  ConfigParseError,
  ConfigValidationError,
  isConfigError,
  isConfigFileError,
  isConfigFileNotFoundError,
  isConfigParseError,
  isConfigValidationError,
  isSecretRefError,
  isUnknownAccountError,
  SecretRefError,
  UnknownAccountError,
} from './config-error.js';
export { CONFIG_PATH_ENV, defaultConfigPath, expandConfigPath } from './config-file-path.js';
export {
  type ConfigIssue,
  type ConfigPath,
  formatConfigIssues,
  formatConfigPath,
} from './config-issue.js';
export { type ConfigChange, type ConfigDiff, diffConfig } from './diff-config.js';
export { type LoadConfigFileOptions, type LoadedConfigFile, loadConfigFile } from './load-config-file.js';
export { type PatchConfigFileOptions, type PatchedConfigFile, patchConfigFile } from './patch-config-file.js';
export { ENV_VARS, ENV_VARS_ALL_ACCOUNTS } from './plan-accounts.js';
export { redactConfig, redactSecret } from './redact-config.js';
export {
  type AuthTokenSource,
  type MissingSmsSetting,
  type ResolvedSmsAccount,
  type ResolvedSmsAccounts,
  type ResolveSmsAccountsOptions,
  resolveSmsAccount,
  resolveSmsAccounts,
  type SmsSender,
  type UnreadSecret,
} from './resolve-sms-accounts.js';
export {
  type ResolvedSecret,
  resolveSecretRef,
  type SecretRef,
  type SecretRefContext,
  secretRefSchema,
} from './secret-ref.js';
export { type SmsChannelJsonSchemaOptions, smsChannelJsonSchema } from './sms-channel-json-schema.js';
export {
  DEFAULT_DM_POLICY,
  DEFAULT_FAILURE_REPLY,
  DEFAULT_MEDIA_MAX_MB,
  DEFAULT_TEXT_CHUNK_LIMIT,
  DEFAULT_TWILIO_API_BASE_URL,
  DEFAULT_WEBHOOK_PATH,
  DM_POLICIES,
  type DmPolicy,
  MAX_TEXT_CHUNK_LIMIT,
  type SmsAccountConfig,
  type SmsChannelConfig,
  type SmsConfigSection,
  smsAccountConfigSchema,
  smsChannelConfigSchema,
  smsConfigSectionSchema,
} from './sms-channel-schema.js';
export { toConfigIssues } from './to-config-issues.js';
export { type ConfigValidation, type ValidateConfigOptions, validateConfig } from './validate-config.js';
export { type WriteConfigFileOptions, writeConfigFile } from './write-config-file.js';
