import type { ResolvedSmsAccount } from '@sms-channel/config';
import { createPairing, normalizeE164 } from '@sms-channel/phone-policy';
import type { GatewayStore } from '@sms-channel/store';
import { EXIT_OK, type ExitCode, OperationFailedError } from './cli-error.js';
import type { CommandScope } from './command-scope.js';
import { loadCliConfig } from './load-cli-config.js';
import { withExistingStore } from './open-existing-store.js';
import { selectAccounts } from './select-account.js';
import { requireSmsChannel } from './sms-channel-name.js';

interface PairingRevokeOptions {
  account?: string;
}

/** What revoking did on one account. */
interface Revoked {
  account: ResolvedSmsAccount;
  /** The sender was approved and is not any more. */
  approval: boolean;
  /** The sender's pending request (and its code) was deleted. */
  pending: boolean;
}

/**
 * Removes the approval and deletes any pending request of the sender: an approval can leave a stale request
 * behind (it is written before the request is deleted), and an old code must not approve them again. Their
 * next text then gets a fresh code.
 */
async function revokeOn(store: GatewayStore, account: ResolvedSmsAccount, sender: string): Promise<Revoked> {
  const pairing = createPairing({ store: store.pairing });
  const approval = await pairing.revoke(account.accountId, sender);
  const pending = await store.pairing.deletePending(account.accountId, sender);
  return { account, approval, pending };
}

function describeRevoked({ account, approval, pending }: Revoked, sender: string): string {
  const where = `on account "${account.accountId}"`;
  if (!approval) return `Cancelled the pending pairing request of ${sender} ${where}.`;
  const next =
    account.dmPolicy === 'pairing'
      ? 'their next text gets a new pairing code'
      : `they are refused (dmPolicy ${account.dmPolicy})`;
  return `Revoked ${sender} ${where}${pending ? ', and cancelled their pending code' : ''}: ${next}.`;
}

/** Why nothing was revoked, naming the config's allowFrom when that is what lets the sender in. */
function nothingToRevoke(sender: string, accounts: readonly ResolvedSmsAccount[], noStore: boolean): Error {
  const listing = accounts.filter((account) => account.allowFrom.includes(sender));
  if (listing.length > 0) {
    const ids = listing.map((account) => `"${account.accountId}"`).join(', ');
    const noun = listing.length === 1 ? 'account' : 'accounts';
    return new OperationFailedError(
      `${sender} is not a pairing approval: the config's allowFrom lets it in (${noun} ${ids}); remove it there (sms-channel config patch)`,
    );
  }
  const why = noStore ? ' (the gateway never ran with this state directory)' : '';
  return new OperationFailedError(
    `${sender} is neither approved nor waiting for approval${why}; sms-channel pairing allowed sms lists who is`,
  );
}

export async function pairingRevoke(scope: CommandScope): Promise<ExitCode> {
  const { context, command } = scope;
  const [channel, input] = command.processedArgs as [string, string];
  requireSmsChannel(channel);
  // A number that cannot be one is bad input (exit 2), before any file is read.
  const sender = normalizeE164(input);
  const options = command.opts<PairingRevokeOptions>();
  const config = await loadCliConfig(scope, { secrets: 'optional' });
  const accounts = selectAccounts(config, options.account);
  const outcome = await withExistingStore(config, context.deps, async (store) => {
    if (store === undefined) return undefined;
    const results: Revoked[] = [];
    for (const account of accounts) results.push(await revokeOn(store, account, sender));
    return results.filter((result) => result.approval || result.pending);
  });
  if (outcome === undefined || outcome.length === 0) {
    throw nothingToRevoke(sender, accounts, outcome === undefined);
  }
  for (const result of outcome) {
    context.out(describeRevoked(result, sender));
    if (result.account.allowFrom.includes(sender)) {
      context.err(
        `sms-channel: warning: ${sender} is still allowed by allowFrom of account "${result.account.accountId}" (the config)`,
      );
    }
  }
  return EXIT_OK;
}
