import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { GatewayStore } from '@sms-channel/store';
import { EXIT_OK, type ExitCode } from './cli-error.js';
import type { CommandScope } from './command-scope.js';
import { formatTable } from './format-table.js';
import { loadCliConfig } from './load-cli-config.js';
import { withExistingStore } from './open-existing-store.js';
import { selectAccounts } from './select-account.js';
import { requireSmsChannel } from './sms-channel-name.js';

/** One allowed sender as `pairing allowed --json` prints it. */
export interface AllowedSender {
  accountId: string;
  /** E.164, or `"*"` (every sender) for an allowFrom wildcard. */
  sender: string;
  /** `pairing`: approved with `pairing approve` (the gateway's store); `allowFrom`: listed in the config. */
  source: 'pairing' | 'allowFrom';
  /**
   * Whether the entry lets the sender in under the account's `dmPolicy`: pairing approvals count under
   * `pairing` only; allowFrom entries under `pairing`, `allowlist` and `open`; nothing under `disabled`.
   */
  inEffect: boolean;
}

interface PairingAllowedOptions {
  json?: boolean;
  account?: string;
}

async function allowedOf(
  account: ResolvedSmsAccount,
  store: GatewayStore | undefined,
): Promise<AllowedSender[]> {
  const { accountId, dmPolicy } = account;
  const approved = store === undefined ? [] : await store.pairing.listApproved(accountId);
  return [
    ...approved.map((sender) => ({
      accountId,
      sender,
      source: 'pairing' as const,
      inEffect: account.enabled && dmPolicy === 'pairing',
    })),
    ...account.allowFrom.map((sender) => ({
      accountId,
      sender,
      source: 'allowFrom' as const,
      inEffect: account.enabled && dmPolicy !== 'disabled',
    })),
  ];
}

function whyNot(account: ResolvedSmsAccount | undefined, entry: AllowedSender): string {
  if (entry.inEffect) return 'yes';
  if (account?.enabled === false) return 'no: the account is disabled';
  return `no: dmPolicy is ${account?.dmPolicy}`;
}

/**
 * Who may talk to the assistant, per account: senders approved through pairing (kept in the gateway's store;
 * `pairing revoke` removes them) and the config's `allowFrom` entries (`config patch` changes them).
 */
export async function pairingAllowed(scope: CommandScope): Promise<ExitCode> {
  const { context, command } = scope;
  const [channel] = command.processedArgs as [string];
  requireSmsChannel(channel);
  const options = command.opts<PairingAllowedOptions>();
  const config = await loadCliConfig(scope, { secrets: 'optional' });
  const accounts = selectAccounts(config, options.account);
  const allowed = await withExistingStore(config, context.deps, async (store) => {
    const found: AllowedSender[] = [];
    for (const account of accounts) found.push(...(await allowedOf(account, store)));
    return found;
  });

  if (options.json === true) {
    context.out(JSON.stringify({ channel: 'sms', allowed }, null, 2));
    return EXIT_OK;
  }
  if (allowed.length === 0) {
    context.out('No allowed SMS senders: nobody was approved, and allowFrom is empty.');
    return EXIT_OK;
  }
  const byId = new Map(accounts.map((account) => [account.accountId, account]));
  const rows = allowed.map((entry) => [
    entry.accountId,
    entry.sender,
    entry.source === 'pairing' ? 'pairing approval' : 'allowFrom (config)',
    whyNot(byId.get(entry.accountId), entry),
  ]);
  for (const line of formatTable(['ACCOUNT', 'SENDER', 'SOURCE', 'IN EFFECT'], rows)) context.out(line);
  context.out('Revoke an approval with: sms-channel pairing revoke sms <E.164>');
  return EXIT_OK;
}
