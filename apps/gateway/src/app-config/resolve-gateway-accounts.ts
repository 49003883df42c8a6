import { randomUUID } from 'node:crypto';
import {
  type ConfigIssue,
  type ConfigPath,
  type MissingSmsSetting,
  type ResolvedSmsAccount,
  type ResolvedSmsAccounts,
  resolveSmsAccounts,
  SecretRefError,
} from '@sms-channel/config';

/**
 * Whether secret refs must be readable. `'required'`: a secret ref of an enabled account that cannot be read
 * (env var unset, file missing) fails the load with `SecretRefError`: what the gateway and `message send` need.
 * `'optional'`: such a ref is left unread; the account then lacks its `authToken` (listed in `missing`) and a
 * warning says why: for commands that never call Twilio (`pairing list`, `config validate`, `channels status`
 * without `--probe`...), run from a shell that does not hold the gateway's secrets.
 */
export type SecretsMode = 'required' | 'optional';

/** A secret ref `'optional'` mode could not read. */
export interface UnresolvedSecret {
  /** Where the ref is written, e.g. `['channels', 'sms', 'authToken']`. */
  path: ConfigPath;
  ref: { source: string; provider: string; id: string };
  /** Why it could not be read (the `SecretRefError` message). */
  message: string;
  /** The accounts that would have used it (the top-level token is inherited). */
  accountIds: string[];
}

export interface GatewayAccounts extends ResolvedSmsAccounts {
  /** Always empty in `'required'` mode. */
  unresolvedSecrets: UnresolvedSecret[];
}

const PLACEHOLDER_ENV_PREFIX = 'SMS_CHANNEL_UNREAD_SECRET_';

/**
 * `resolveSmsAccounts` (from `@sms-channel/config`), with secret refs optional on request. The config package
 * reads secrets strictly (it leaves only disabled accounts' refs unread), so optional mode retries: each ref
 * that fails is swapped, in a copy of the config, for an env ref to a placeholder variable holding a random
 * marker, and the accounts that come out holding the marker get their token removed again. Every other
 * setting (inheritance, env fallbacks, numbers, validation) is resolved by the config package as usual.
 */
export function resolveGatewayAccounts(
  config: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  options: { baseDir: string; secrets?: SecretsMode },
): GatewayAccounts {
  if ((options.secrets ?? 'required') === 'required') {
    return { ...resolveSmsAccounts(config, env, { baseDir: options.baseDir }), unresolvedSecrets: [] };
  }
  const copy = structuredClone(config);
  const placeholderEnv: Record<string, string | undefined> = { ...env };
  const unread = new Map<string, Omit<UnresolvedSecret, 'accountIds'>>();
  for (;;) {
    try {
      const resolved = resolveSmsAccounts(copy, placeholderEnv, { baseDir: options.baseDir });
      return withoutPlaceholders(resolved, unread);
    } catch (error) {
      if (!(error instanceof SecretRefError) || !replaceRef(copy, error.path)) throw error;
      const name = `${PLACEHOLDER_ENV_PREFIX}${unread.size}`;
      const marker = `unread-secret:${randomUUID()}`;
      setAt(copy, error.path, { source: 'env', id: name });
      placeholderEnv[name] = marker;
      unread.set(marker, { path: error.path, ref: error.ref, message: error.message });
    }
  }
}

/** True when `path` holds a secret ref object that can be swapped (not already a placeholder). */
function replaceRef(config: Record<string, unknown>, path: ConfigPath): boolean {
  const value = getAt(config, path);
  if (typeof value !== 'object' || value === null) return false;
  const id = (value as { id?: unknown }).id;
  return !(typeof id === 'string' && id.startsWith(PLACEHOLDER_ENV_PREFIX));
}

function getAt(root: unknown, path: ConfigPath): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function setAt(root: Record<string, unknown>, path: ConfigPath, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = value;
}

function missingOf(account: ResolvedSmsAccount): MissingSmsSetting[] {
  const missing: MissingSmsSetting[] = [];
  if (account.accountSid === undefined) missing.push('accountSid');
  missing.push('authToken');
  if (account.fromNumber === undefined && account.messagingServiceSid === undefined) {
    missing.push('fromNumber or messagingServiceSid');
  }
  return missing;
}

function withoutPlaceholders(
  resolved: ResolvedSmsAccounts,
  unread: ReadonlyMap<string, Omit<UnresolvedSecret, 'accountIds'>>,
): GatewayAccounts {
  const users = new Map<string, string[]>();
  const extraWarnings: ConfigIssue[] = [];
  const accounts = resolved.accounts.map((account) => {
    const secret = account.authToken === undefined ? undefined : unread.get(account.authToken);
    if (secret === undefined) return account;
    users.set(secret.path.join('\u0000'), [
      ...(users.get(secret.path.join('\u0000')) ?? []),
      account.accountId,
    ]);
    const warning: ConfigIssue = {
      path: secret.path,
      severity: 'warning',
      message: `${secret.message}; not read (this command does not need it)`,
    };
    if (!extraWarnings.some((issue) => issue.message === warning.message)) extraWarnings.push(warning);
    return {
      ...account,
      authToken: undefined,
      complete: false,
      missing: missingOf(account),
      warnings: [...account.warnings, warning],
    };
  });
  return {
    accounts,
    defaultAccountId: resolved.defaultAccountId,
    warnings: [...resolved.warnings, ...extraWarnings],
    unresolvedSecrets: [...unread.values()].map((secret) => ({
      ...secret,
      accountIds: users.get(secret.path.join('\u0000')) ?? [],
    })),
  };
}
