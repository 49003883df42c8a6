import { normalizeAllowFrom, normalizeE164, parseSmsTarget } from '@sms-channel/phone-policy';
import { ConfigValidationError, isSecretRefError, UnknownAccountError } from './config-error.js';
import { type ConfigIssue, type ConfigPath, dedupeIssues, formatConfigPath } from './config-issue.js';
import type { Env } from './env.js';
import type { AccountPlan } from './plan-accounts.js';
import { resolveSecretRef } from './secret-ref.js';
import {
  DEFAULT_DM_POLICY,
  DEFAULT_FAILURE_REPLY,
  DEFAULT_MEDIA_MAX_MB,
  DEFAULT_TEXT_CHUNK_LIMIT,
  DEFAULT_TWILIO_API_BASE_URL,
  DEFAULT_WEBHOOK_PATH,
  type DmPolicy,
} from './sms-channel-schema.js';
import { analyzeConfig } from './validate-config.js';

/** What an account still needs before it can send. */
export type MissingSmsSetting = 'accountSid' | 'authToken' | 'fromNumber or messagingServiceSid';

/** Where the resolved auth token came from. */
export type AuthTokenSource = 'config' | 'env' | 'secret-ref:env' | 'secret-ref:file';

/**
 * What an account sends from, decided once here: its number when it has one (Twilio: "If you include both
 * `From` and `MessagingServiceSid`, `From` is used"), else its Messaging Service. Send with this, never with
 * `fromNumber` / `messagingServiceSid`, so the rule cannot be got wrong twice.
 */
export type SmsSender = { kind: 'number'; from: string } | { kind: 'messaging-service'; sid: string };

/** One account with inheritance, env vars, defaults and secret refs applied, and numbers in E.164. */
export interface ResolvedSmsAccount {
  accountId: string;
  name: string | undefined;
  /** The account used when none is named (`defaultAccount`), and the only one `ENV_VARS` fill. */
  isDefault: boolean;
  enabled: boolean;
  accountSid: string | undefined;
  authToken: string | undefined;
  authTokenSource: AuthTokenSource | undefined;
  /**
   * What the account sends from, after config, inheritance and env vars: its number when it has one, else its
   * Messaging Service; `undefined` when it has neither (then `missing` says so).
   */
  sender: SmsSender | undefined;
  /** E.164, as configured (or from env), for display; send with `sender`. */
  fromNumber: string | undefined;
  /** As configured (or from env), for display and to recognise inbound texts to the service; send with `sender`. */
  messagingServiceSid: string | undefined;
  /** E.164 recipient for sends without a target. */
  defaultTo: string | undefined;
  webhookPath: string;
  publicWebhookUrl: string | undefined;
  dmPolicy: DmPolicy;
  /** E.164 numbers and possibly `"*"`, without duplicates. */
  allowFrom: string[];
  textChunkLimit: number;
  dangerouslyDisableSignatureValidation: boolean;
  /** Largest inbound media file to download, in MB. */
  mediaMaxMb: number;
  /** Replace what Twilio's Smart Encoding replaces before counting segments and chunking. */
  smartEncoding: boolean;
  /** The apology to text once when the assistant failed for good on a message; `undefined` when switched off. */
  failureReply: string | undefined;
  /** Without a trailing slash. */
  twilioApiBaseUrl: string;
  /** `accountSid`, `authToken` and a sender are all known. */
  complete: boolean;
  missing: MissingSmsSetting[];
  /** The warnings that concern this account. */
  warnings: ConfigIssue[];
  /** Set only under `secrets: 'optional'`, when the account's secret ref could not be read. */
  unreadSecret?: UnreadSecret;
}

export interface ResolveSmsAccountsOptions {
  /** Directory relative `file` secret refs are read from (the config file's directory, typically). @default process.cwd() */
  baseDir?: string;
  /**
   * `'required'`: a secret ref of an enabled account that cannot be read throws `SecretRefError`.
   * `'optional'`: it is left unread instead: the account lacks its `authToken` (listed in `missing`), says why in
   * `unreadSecret`, and carries a warning. For tools that never call Twilio (listing pairings, validating config)
   * run from a shell that does not hold the gateway's secrets.
   * @default "required"
   */
  secrets?: 'required' | 'optional';
}

/** A secret ref that `secrets: 'optional'` left unread. */
export interface UnreadSecret {
  /** Where the ref is written, e.g. `['channels', 'sms', 'authToken']` (inherited refs name the top level). */
  path: ConfigPath;
  ref: { source: string; provider: string; id: string };
  /** Why it could not be read. */
  message: string;
}

export interface ResolvedSmsAccounts {
  accounts: ResolvedSmsAccount[];
  defaultAccountId: string;
  warnings: ConfigIssue[];
}

type TokenResult = {
  value: string | undefined;
  source: AuthTokenSource | undefined;
  warnings: ConfigIssue[];
  unread?: UnreadSecret;
};

function resolveToken(account: AccountPlan, env: Env, options: ResolveSmsAccountsOptions): TokenResult {
  const setting = account.settings.authToken;
  if (setting === undefined) return { value: undefined, source: undefined, warnings: [] };
  if (typeof setting.value === 'string') {
    return { value: setting.value, source: setting.origin === 'env' ? 'env' : 'config', warnings: [] };
  }
  const ref = setting.value;
  try {
    const secret = resolveSecretRef(ref, setting.path, { env, baseDir: options.baseDir });
    return { value: secret.value, source: `secret-ref:${ref.source}`, warnings: secret.warnings };
  } catch (error) {
    if (!isSecretRefError(error)) throw error;
    // The issue carries the path already; its message need not repeat it.
    const detail = error.message.replace(`${formatConfigPath(setting.path)}: `, '');
    // A switched-off account must not stop the others from starting because its secret is not there yet.
    if (!account.enabled) {
      return {
        value: undefined,
        source: undefined,
        warnings: [{ path: setting.path, severity: 'warning', message: detail }],
      };
    }
    if (options.secrets !== 'optional') throw error;
    const message = `${detail}; not read (this command does not need it)`;
    return {
      value: undefined,
      source: undefined,
      warnings: [{ path: setting.path, severity: 'warning', message }],
      unread: {
        path: setting.path,
        ref: error.ref,
        message: error.message,
      },
    };
  }
}

function missingOf(account: Pick<ResolvedSmsAccount, 'accountSid' | 'authToken' | 'sender'>) {
  const missing: MissingSmsSetting[] = [];
  if (account.accountSid === undefined) missing.push('accountSid');
  if (account.authToken === undefined) missing.push('authToken');
  if (account.sender === undefined) missing.push('fromNumber or messagingServiceSid');
  return missing;
}

/** The text `failureReply` stands for: the default apology unless switched off or replaced. */
function failureReplyOf(setting: boolean | string | undefined): string | undefined {
  if (setting === false) return undefined;
  return typeof setting === 'string' ? setting : DEFAULT_FAILURE_REPLY;
}

/** The sender rule, applied once: the number wins over the Messaging Service. */
function senderOf(
  fromNumber: string | undefined,
  messagingServiceSid: string | undefined,
): SmsSender | undefined {
  if (fromNumber !== undefined) return { kind: 'number', from: fromNumber };
  if (messagingServiceSid !== undefined) return { kind: 'messaging-service', sid: messagingServiceSid };
  return undefined;
}

function resolveAccount(
  account: AccountPlan,
  warnings: ConfigIssue[],
  env: Env,
  options: ResolveSmsAccountsOptions,
): ResolvedSmsAccount {
  const s = account.settings;
  const token = resolveToken(account, env, options);
  const fromNumber = s.fromNumber === undefined ? undefined : normalizeE164(s.fromNumber.value);
  const messagingServiceSid = s.messagingServiceSid?.value;
  const credentials = {
    accountSid: s.accountSid?.value,
    authToken: token.value,
    sender: senderOf(fromNumber, messagingServiceSid),
  };
  const missing = missingOf(credentials);
  return {
    accountId: account.accountId,
    name: account.name,
    isDefault: account.isDefault,
    enabled: account.enabled,
    ...credentials,
    fromNumber,
    messagingServiceSid,
    authTokenSource: token.source,
    defaultTo: s.defaultTo === undefined ? undefined : parseSmsTarget(s.defaultTo.value).to,
    webhookPath: s.webhookPath?.value ?? DEFAULT_WEBHOOK_PATH,
    publicWebhookUrl: s.publicWebhookUrl?.value,
    dmPolicy: s.dmPolicy?.value ?? DEFAULT_DM_POLICY,
    allowFrom: normalizeAllowFrom(s.allowFrom?.value ?? []),
    textChunkLimit: s.textChunkLimit?.value ?? DEFAULT_TEXT_CHUNK_LIMIT,
    dangerouslyDisableSignatureValidation: s.dangerouslyDisableSignatureValidation?.value ?? false,
    mediaMaxMb: s.mediaMaxMb?.value ?? DEFAULT_MEDIA_MAX_MB,
    smartEncoding: s.smartEncoding?.value ?? true,
    failureReply: failureReplyOf(s.failureReply?.value),
    twilioApiBaseUrl: (s.twilioApiBaseUrl?.value ?? DEFAULT_TWILIO_API_BASE_URL).replace(/\/+$/, ''),
    complete: missing.length === 0,
    missing,
    warnings: [...warnings, ...token.warnings],
    ...(token.unread === undefined ? {} : { unreadSecret: token.unread }),
  };
}

function resolveSelected(
  config: unknown,
  env: Env,
  options: ResolveSmsAccountsOptions,
  select: (ids: readonly string[], defaultAccountId: string) => readonly string[],
): ResolvedSmsAccounts {
  const analysis = analyzeConfig(config, env);
  if (!analysis.ok) throw new ConfigValidationError(analysis.issues);
  const { plan, accountIssues } = analysis;
  const wanted = select(
    plan.accounts.map((account) => account.accountId),
    plan.defaultAccountId,
  );
  const accounts = plan.accounts
    .filter((account) => wanted.includes(account.accountId))
    .map((account) => {
      const own = accountIssues.filter((issue) => issue.accountId === account.accountId);
      return resolveAccount(
        account,
        own.map(({ accountId: _, ...issue }) => issue),
        env,
        options,
      );
    });
  const warnings = dedupeIssues([...analysis.issues, ...accounts.flatMap((account) => account.warnings)]);
  return { accounts, defaultAccountId: plan.defaultAccountId, warnings };
}

/**
 * Turns a whole configuration object (`{ channels: { sms } }`, as written) and the environment into resolved
 * accounts. Throws `ConfigValidationError` listing every error, or `SecretRefError` when an enabled account's
 * secret ref cannot be read. Incomplete accounts are returned (with `missing`), not refused: the caller decides.
 */
export function resolveSmsAccounts(
  config: unknown,
  env: Env = process.env,
  options: ResolveSmsAccountsOptions = {},
): ResolvedSmsAccounts {
  return resolveSelected(config, env, options, (ids) => ids);
}

/**
 * One account: `accountId`, or the default account when omitted; only its secret refs are read. Throws
 * `UnknownAccountError` for an id the configuration does not define, and what `resolveSmsAccounts` throws.
 */
export function resolveSmsAccount(
  config: unknown,
  accountId?: string,
  env: Env = process.env,
  options: ResolveSmsAccountsOptions = {},
): ResolvedSmsAccount {
  let known: readonly string[] = [];
  const resolved = resolveSelected(config, env, options, (ids, defaultAccountId) => {
    known = ids;
    return [accountId ?? defaultAccountId];
  });
  const account = resolved.accounts[0];
  if (account === undefined) throw new UnknownAccountError(accountId ?? resolved.defaultAccountId, known);
  return account;
}
