import { AccountUnusableError } from '@sms-channel/channel-runtime';
import {
  type DmPolicy,
  type ResolvedSmsAccount,
  resolveSmsAccount,
  resolveSmsAccounts,
} from '@sms-channel/config';
import type { HostConfig } from './host-types.js';

/**
 * One `channels.sms` account as the host sees it. The host calls `resolveAccount` from many places (status,
 * pairing, outbound, start), so a broken config must not throw there: it becomes `problem`, and `startAccount`
 * / `sendText` refuse with that reason.
 */
export interface SmsPluginAccount {
  accountId: string;
  enabled: boolean;
  /** Credentials and a sender are all known. */
  configured: boolean;
  dmPolicy: DmPolicy;
  /** The fully resolved account; `undefined` when `problem` says why not. */
  resolved: ResolvedSmsAccount | undefined;
  /** Why the account could not be resolved (an invalid `channels.sms`, a secret ref that cannot be read). */
  problem: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

function smsSection(cfg: HostConfig): unknown {
  const channels = cfg.channels;
  if (typeof channels !== 'object' || channels === null) return undefined;
  return (channels as Record<string, unknown>).sms;
}

/** `true` when the host config has a `channels.sms` section (env vars alone do not make a channel appear). */
export function hasSmsSection(cfg: HostConfig): boolean {
  return smsSection(cfg) !== undefined;
}

/**
 * Every account of the section. Ids never depend on a secret, so a secret ref that cannot be read is left
 * unread here: it must not hide its account (or every other one) from the host; `resolveSmsPluginAccount`
 * reports it as that account's `problem`.
 */
function resolveAccountIds(cfg: HostConfig, env: Env) {
  return resolveSmsAccounts({ channels: { sms: smsSection(cfg) ?? {} } }, env, { secrets: 'optional' });
}

/**
 * Account ids of `channels.sms`; `[]` without the section. An invalid section still lists its default account
 * so `channels status` can show what is wrong with it.
 */
export function listSmsAccountIds(cfg: HostConfig, env: Env = process.env): string[] {
  if (!hasSmsSection(cfg)) return [];
  try {
    return resolveAccountIds(cfg, env).accounts.map((a) => a.accountId);
  } catch {
    return [defaultSmsAccountId(cfg, env)];
  }
}

/** `channels.sms.defaultAccount`, else `default`. */
export function defaultSmsAccountId(cfg: HostConfig, env: Env = process.env): string {
  try {
    return resolveAccountIds(cfg, env).defaultAccountId;
  } catch {
    const section = smsSection(cfg);
    const named =
      typeof section === 'object' && section !== null
        ? (section as Record<string, unknown>).defaultAccount
        : undefined;
    return typeof named === 'string' ? named : 'default';
  }
}

/**
 * Resolves one account through `@sms-channel/config` (inheritance, env vars, secret refs: the host leaves a
 * SecretRef as written, and its env var is in `process.env`). Never throws.
 */
export function resolveSmsPluginAccount(
  cfg: HostConfig,
  accountId?: string | null,
  env: Env = process.env,
): SmsPluginAccount {
  const id = accountId ?? undefined;
  try {
    const resolved = resolveSmsAccount({ channels: { sms: smsSection(cfg) ?? {} } }, id, env);
    return {
      accountId: resolved.accountId,
      enabled: resolved.enabled,
      configured: resolved.complete,
      dmPolicy: resolved.dmPolicy,
      resolved,
      problem: undefined,
    };
  } catch (error) {
    return {
      accountId: id ?? defaultSmsAccountId(cfg, env),
      enabled: false,
      configured: false,
      dmPolicy: 'pairing',
      resolved: undefined,
      problem: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Why an account cannot be used, for `channels status` and refusals; `undefined` when it can. */
export function unusableReason(account: SmsPluginAccount): string | undefined {
  if (account.problem !== undefined) return account.problem;
  const resolved = account.resolved;
  if (resolved === undefined) return 'not resolved';
  if (!resolved.complete) return `missing ${resolved.missing.join(', ')}`;
  return undefined;
}

/** The resolved account; throws `AccountUnusableError` naming why it cannot send or serve webhooks. */
export function requireUsableAccount(account: SmsPluginAccount): ResolvedSmsAccount {
  const reason = unusableReason(account);
  if (reason !== undefined || account.resolved === undefined) {
    throw new AccountUnusableError(account.accountId, reason ?? 'not resolved');
  }
  return account.resolved;
}
