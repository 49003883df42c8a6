import { APPROVED_TEXT, describeError } from '@sms-channel/channel-runtime';
import type { ResolvedSmsAccount } from '@sms-channel/config';
import {
  canonicalPairingCode,
  createPairing,
  isPairingCodeUnknownError,
  PAIRING_CODE_ALPHABET,
  PAIRING_CODE_LENGTH,
  type PairingApproval,
} from '@sms-channel/phone-policy';
import type { GatewayStore } from '@sms-channel/store';
import type { CliContext } from './cli-context.js';
import { EXIT_OK, type ExitCode, OperationFailedError, UsageError } from './cli-error.js';
import type { CommandScope } from './command-scope.js';
import { loadCliConfig } from './load-cli-config.js';
import { openExistingStore } from './open-existing-store.js';
import { selectAccounts } from './select-account.js';
import { requireSmsChannel } from './sms-channel-name.js';

interface PairingApproveOptions {
  account?: string;
  notify: boolean;
}

/**
 * Approves the code on the first account that holds it. Codes are unique per account and drawn from ~8.5e11,
 * so searching every account (when `--account` is not given) finds the right one.
 */
async function approveOnSomeAccount(
  store: GatewayStore,
  accounts: readonly ResolvedSmsAccount[],
  code: string,
  now: () => number,
): Promise<{ approval: PairingApproval; account: ResolvedSmsAccount }> {
  const pairing = createPairing({ store: store.pairing, now });
  for (const account of accounts) {
    try {
      return { approval: await pairing.approve(account.accountId, code), account };
    } catch (error) {
      if (!isPairingCodeUnknownError(error)) throw error;
    }
  }
  const where = accounts.length === 1 ? `account "${accounts[0]?.accountId}"` : 'any account';
  throw new OperationFailedError(
    `no pending pairing request of ${where} has the code ${JSON.stringify(code)}; see sms-channel pairing list sms`,
  );
}

/** Texts the sender that they may talk now; the approval stands whatever happens here. */
async function notifySender(
  context: CliContext,
  store: GatewayStore,
  account: ResolvedSmsAccount,
  sender: string,
): Promise<void> {
  const warn = (why: string) =>
    context.err(`sms-channel: warning: not texting ${sender} that they are approved: ${why}`);
  if (!account.enabled) return warn(`account "${account.accountId}" is disabled`);
  if (account.unreadSecret !== undefined) {
    return warn(`the auth token cannot be read: ${account.unreadSecret.message}`);
  }
  if (!account.complete)
    return warn(`account "${account.accountId}" is missing ${account.missing.join(', ')}`);
  // Twilio refuses sends to a number that texted STOP (21610); the gateway's record says so first.
  if (await store.isOptedOut(account.accountId, sender)) return warn('they texted STOP');
  try {
    const sent = await context.deps.sendSms({ account, to: sender, body: APPROVED_TEXT });
    context.out(`Texted ${sender} that they are approved (${sent.sid}).`);
  } catch (error) {
    warn(describeError(error));
  }
}

export async function pairingApprove(scope: CommandScope): Promise<ExitCode> {
  const { context, command } = scope;
  const [channel, code] = command.processedArgs as [string, string];
  requireSmsChannel(channel);
  // A well-formed code nobody holds is a failed lookup (exit 1); one that cannot be a code is bad input (exit 2).
  if (canonicalPairingCode(code) === undefined) {
    throw new UsageError(
      `${JSON.stringify(code)} is not a pairing code: codes are ${PAIRING_CODE_LENGTH} characters of ${PAIRING_CODE_ALPHABET}`,
    );
  }
  const options = command.opts<PairingApproveOptions>();
  // Approving needs no secret; only the note to the sender does (skipped with a warning when unreadable).
  const config = await loadCliConfig(scope, { secrets: 'optional' });
  const accounts = selectAccounts(config, options.account);
  const store = await openExistingStore(config, context.deps);
  if (store === undefined) {
    throw new OperationFailedError(
      `no pairing requests yet: the gateway's store ${config.storePath} does not exist (is gateway.stateDir the gateway's?)`,
    );
  }
  try {
    const { approval, account } = await approveOnSomeAccount(store, accounts, code, () => context.deps.now());
    context.out(`Approved ${approval.sender} on account "${account.accountId}" (code ${approval.code}).`);
    if (options.notify) await notifySender(context, store, account, approval.sender);
    return EXIT_OK;
  } finally {
    await store.close();
  }
}
