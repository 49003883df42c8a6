import type { ConfigIssue, ConfigPath } from './config-issue.js';
import type { Env } from './env.js';
import {
  type InheritedSmsKey,
  type SmsAccountConfig,
  type SmsChannelConfig,
  smsAccountShape,
} from './sms-channel-schema.js';
import { toConfigIssues } from './to-config-issues.js';

/**
 * Which accounts exist, which one is the default, and where each of their settings comes from (the account,
 * the top level, or an env var), before anything is normalised or read from a secret. Private to the package:
 * `validateConfig` checks the plan, `resolveSmsAccounts` turns it into resolved accounts.
 */

export type SettingOrigin = 'account' | 'top-level' | 'env';

export interface Setting<T> {
  value: T;
  /** Where the value was written: a config path, or `['$env', NAME]`. */
  path: ConfigPath;
  origin: SettingOrigin;
}

export type AccountSettings = { [K in InheritedSmsKey]?: Setting<NonNullable<SmsAccountConfig[K]>> };

export interface AccountPlan {
  accountId: string;
  isDefault: boolean;
  /** Where the account's own keys live: `channels.sms` for the implicit default, else `channels.sms.accounts.<id>`. */
  basePath: ConfigPath;
  enabled: boolean;
  name: string | undefined;
  settings: AccountSettings;
}

export interface AccountsPlan {
  accounts: AccountPlan[];
  defaultAccountId: string;
  issues: ConfigIssue[];
}

export const IMPLICIT_ACCOUNT_ID = 'default';
const SMS_PATH = ['channels', 'sms'] as const;

const INHERITED_KEYS = Object.keys(smsAccountShape).filter(
  (key): key is InheritedSmsKey => key !== 'name' && key !== 'enabled',
);
/**
 * A sender is inherited as a unit: an account that names its own sender has chosen it, and the top level's
 * is a default for accounts that name none. Env vars, by contrast, fill key by key like every other setting
 * (config beats env per key), after which `fromNumber` wins when both exist (issue 14).
 */
const SENDER_KEYS: readonly InheritedSmsKey[] = ['fromNumber', 'messagingServiceSid'];

/** Env vars, in order of preference per key. They fill the default account only, and only what config leaves unset. */
export const ENV_VARS: ReadonlyArray<readonly [InheritedSmsKey, readonly string[]]> = [
  ['accountSid', ['TWILIO_ACCOUNT_SID']],
  ['authToken', ['TWILIO_AUTH_TOKEN']],
  ['fromNumber', ['TWILIO_PHONE_NUMBER', 'TWILIO_SMS_FROM']],
  ['messagingServiceSid', ['TWILIO_MESSAGING_SERVICE_SID']],
  ['publicWebhookUrl', ['SMS_PUBLIC_WEBHOOK_URL']],
  ['webhookPath', ['SMS_WEBHOOK_PATH']],
  ['allowFrom', ['SMS_ALLOWED_USERS']],
];

/**
 * Env vars that fill every account, not only the default one: where Twilio's REST API is (the sandbox and tests
 * point it at loopback) is a property of the environment, not of one account. Config still beats them.
 */
export const ENV_VARS_ALL_ACCOUNTS: ReadonlyArray<readonly [InheritedSmsKey, readonly string[]]> = [
  ['twilioApiBaseUrl', ['TWILIO_API_BASE_URL']],
];

/** What fills the default account: the env vars of the default account, then those of every account. */
const DEFAULT_ACCOUNT_ENV_VARS = [...ENV_VARS, ...ENV_VARS_ALL_ACCOUNTS];

/** Whether a sender is set, in a config object, planned settings or a resolved account alike. */
export function hasSender(values: { fromNumber?: unknown; messagingServiceSid?: unknown }): boolean {
  return values.fromNumber !== undefined || values.messagingServiceSid !== undefined;
}

function accountIds(sms: SmsChannelConfig): { ids: string[]; implicit: boolean } {
  const named = Object.keys(sms.accounts ?? {});
  // The top level is an account of its own when it names a sender, when it is all there is (env-only setups),
  // or when `defaultAccount` points at it; never when `accounts.default` exists.
  const implicit =
    !named.includes(IMPLICIT_ACCOUNT_ID) &&
    (hasSender(sms) || named.length === 0 || sms.defaultAccount === IMPLICIT_ACCOUNT_ID);
  return { ids: implicit ? [IMPLICIT_ACCOUNT_ID, ...named] : named, implicit };
}

function pickDefault(sms: SmsChannelConfig, ids: readonly string[], issues: ConfigIssue[]): string {
  const fallback = ids.includes(IMPLICIT_ACCOUNT_ID) ? IMPLICIT_ACCOUNT_ID : (ids[0] ?? IMPLICIT_ACCOUNT_ID);
  if (sms.defaultAccount === undefined || ids.includes(sms.defaultAccount))
    return sms.defaultAccount ?? fallback;
  issues.push({
    path: [...SMS_PATH, 'defaultAccount'],
    severity: 'error',
    message: `defaultAccount "${sms.defaultAccount}" is not a configured account; use one of: ${ids.map((id) => `"${id}"`).join(', ')}`,
  });
  return fallback;
}

function setSetting(
  settings: AccountSettings,
  key: InheritedSmsKey,
  value: unknown,
  path: ConfigPath,
  origin: SettingOrigin,
) {
  if (value === undefined) return;
  // The value passed the schema for `key`, so the cast only restores what the loop over keys lost.
  (settings as Record<string, Setting<unknown>>)[key] = { value, path: [...path, key], origin };
}

function inheritSettings(own: SmsAccountConfig, ownPath: ConfigPath, top: SmsAccountConfig): AccountSettings {
  const settings: AccountSettings = {};
  const ownSender = hasSender(own);
  for (const key of INHERITED_KEYS) {
    setSetting(settings, key, own[key], ownPath, 'account');
    if (settings[key] !== undefined) continue;
    if (ownSender && SENDER_KEYS.includes(key)) continue;
    setSetting(settings, key, top[key], SMS_PATH, 'top-level');
  }
  return settings;
}

function readEnv(env: Env, names: readonly string[]): { name: string; raw: string } | undefined {
  for (const name of names) {
    const raw = env[name]?.trim();
    if (raw !== undefined && raw !== '') return { name, raw };
  }
  return undefined;
}

function fillFromEnv(
  settings: AccountSettings,
  env: Env,
  issues: ConfigIssue[],
  vars: typeof ENV_VARS,
): void {
  for (const [key, names] of vars) {
    if (settings[key] !== undefined) continue;
    const found = readEnv(env, names);
    if (found === undefined) continue;
    const input =
      key === 'allowFrom' ? found.raw.split(/[\s,;]+/).filter((entry) => entry !== '') : found.raw;
    const schema = smsAccountShape[key];
    const parsed = schema.safeParse(input);
    const path = ['$env', found.name];
    if (!parsed.success) {
      issues.push(
        ...toConfigIssues(parsed.error.issues, schema, path).map((issue) => withEnvName(issue, found.name)),
      );
      continue;
    }
    (settings as Record<string, Setting<unknown>>)[key] = { value: parsed.data, path, origin: 'env' };
  }
}

function withEnvName(issue: ConfigIssue, name: string): ConfigIssue {
  return { ...issue, message: `environment variable ${name}: ${issue.message}` };
}

/** Plans the accounts of an already schema-valid `channels.sms`. */
export function planSmsAccounts(sms: SmsChannelConfig, env: Env): AccountsPlan {
  const issues: ConfigIssue[] = [];
  const { ids, implicit } = accountIds(sms);
  const defaultAccountId = pickDefault(sms, ids, issues);
  const topEnabled = sms.enabled !== false;
  const accounts = ids.map((accountId, index): AccountPlan => {
    const isImplicit = implicit && index === 0;
    const own = isImplicit ? sms : (sms.accounts?.[accountId] ?? {});
    const basePath = isImplicit ? [...SMS_PATH] : [...SMS_PATH, 'accounts', accountId];
    const settings = isImplicit ? inheritSettings(sms, SMS_PATH, {}) : inheritSettings(own, basePath, sms);
    const isDefault = accountId === defaultAccountId;
    fillFromEnv(settings, env, issues, isDefault ? DEFAULT_ACCOUNT_ENV_VARS : ENV_VARS_ALL_ACCOUNTS);
    const enabled = topEnabled && (isImplicit || own.enabled !== false);
    return { accountId, isDefault, basePath, enabled, name: own.name, settings };
  });
  return { accounts, defaultAccountId, issues };
}
