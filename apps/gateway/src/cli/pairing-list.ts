import { createPairing } from '@sms-channel/phone-policy';
import { EXIT_OK, type ExitCode } from './cli-error.js';
import type { CommandScope } from './command-scope.js';
import { formatRelative } from './format-duration.js';
import { formatTable } from './format-table.js';
import { loadCliConfig } from './load-cli-config.js';
import { withExistingStore } from './open-existing-store.js';
import { selectAccounts } from './select-account.js';
import { requireSmsChannel } from './sms-channel-name.js';

/** One pending request as `pairing list --json` prints it. */
export interface PairingListEntry {
  accountId: string;
  /** E.164. */
  sender: string;
  code: string;
  /** ISO 8601. */
  requestedAt: string;
  /** ISO 8601. */
  expiresAt: string;
}

interface PairingListOptions {
  json?: boolean;
  account?: string;
}

export async function pairingList(scope: CommandScope): Promise<ExitCode> {
  const { context, command } = scope;
  const [channel] = command.processedArgs as [string];
  requireSmsChannel(channel);
  const options = command.opts<PairingListOptions>();
  const config = await loadCliConfig(scope, { secrets: 'optional' });
  const accounts = selectAccounts(config, options.account);
  const now = context.deps.now();
  const requests = await withExistingStore(config, context.deps, async (store) => {
    if (store === undefined) return [];
    const pairing = createPairing({ store: store.pairing, now: () => now });
    const found: PairingListEntry[] = [];
    for (const account of accounts) {
      for (const pending of await pairing.list(account.accountId)) {
        found.push({
          accountId: account.accountId,
          sender: pending.sender,
          code: pending.code,
          requestedAt: new Date(pending.createdAt).toISOString(),
          expiresAt: new Date(pending.expiresAt).toISOString(),
        });
      }
    }
    return found;
  });

  if (options.json === true) {
    context.out(JSON.stringify({ channel: 'sms', requests }, null, 2));
    return EXIT_OK;
  }
  if (requests.length === 0) {
    context.out('No pending SMS pairing requests.');
    return EXIT_OK;
  }
  const rows = requests.map((request) => [
    request.accountId,
    request.sender,
    request.code,
    formatRelative(Date.parse(request.requestedAt), now),
    formatRelative(Date.parse(request.expiresAt), now),
  ]);
  for (const line of formatTable(['ACCOUNT', 'SENDER', 'CODE', 'REQUESTED', 'EXPIRES'], rows)) {
    context.out(line);
  }
  context.out('Approve one with: sms-channel pairing approve sms <CODE>');
  return EXIT_OK;
}
