import { type ResolvedSmsAccount, UnknownAccountError } from '@sms-channel/config';
import type { GatewayConfig } from '../app-config/load-gateway-config.js';

/** `--account <id>`, else the default account; an id the config does not define is bad input (exit 2). */
export function selectAccount(config: GatewayConfig, accountId: string | undefined): ResolvedSmsAccount {
  const id = accountId ?? config.defaultAccountId;
  const account = config.accounts.find((candidate) => candidate.accountId === id);
  if (account === undefined) {
    throw new UnknownAccountError(
      id,
      config.accounts.map((candidate) => candidate.accountId),
    );
  }
  return account;
}

/** `--account <id>` alone, else every account, the default one first. */
export function selectAccounts(config: GatewayConfig, accountId: string | undefined): ResolvedSmsAccount[] {
  if (accountId !== undefined) return [selectAccount(config, accountId)];
  return [...config.accounts].sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
}
