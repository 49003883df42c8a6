import { type ConfigPath, type ResolvedSmsAccounts, resolveSmsAccounts } from '@sms-channel/config';

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

/**
 * `resolveSmsAccounts` (from `@sms-channel/config`) with its `secrets` mode, plus the list of refs left unread
 * in `'optional'` mode, each with the accounts that would have used it (a top-level token is inherited).
 */
export function resolveGatewayAccounts(
  config: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  options: { baseDir: string; secrets?: SecretsMode },
): GatewayAccounts {
  const resolved = resolveSmsAccounts(config, env, {
    baseDir: options.baseDir,
    secrets: options.secrets ?? 'required',
  });
  const unread = new Map<string, UnresolvedSecret>();
  for (const account of resolved.accounts) {
    const secret = account.unreadSecret;
    if (secret === undefined) continue;
    const key = secret.path.join('\u0000');
    const entry = unread.get(key) ?? { ...secret, accountIds: [] };
    entry.accountIds.push(account.accountId);
    unread.set(key, entry);
  }
  return { ...resolved, unresolvedSecrets: [...unread.values()] };
}
