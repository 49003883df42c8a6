import type { DeadLetter, GatewayStore } from '@sms-channel/store';
import { EXIT_OK, type ExitCode, OperationFailedError, UsageError } from './cli-error.js';
import type { CommandScope } from './command-scope.js';
import { loadCliConfig } from './load-cli-config.js';
import { openExistingStore } from './open-existing-store.js';
import { selectAccount } from './select-account.js';

/** A Twilio Message SID: `SM` (SMS) or `MM` (MMS) and 32 hexadecimal digits. */
const MESSAGE_SID = /^(?:SM|MM)[0-9a-fA-F]{32}$/;

interface QueueRetryOptions {
  account?: string;
}

async function findDeadLetter(
  store: GatewayStore,
  messageSid: string,
  accountId: string | undefined,
): Promise<DeadLetter> {
  const found = await store.listDeadLetters({
    messageSid,
    ...(accountId === undefined ? {} : { accountId }),
  });
  const [dead, ...others] = found;
  if (dead === undefined) {
    const where = accountId === undefined ? '' : ` on account "${accountId}"`;
    throw new OperationFailedError(
      `no dead-lettered message has MessageSid ${messageSid}${where}; sms-channel queue list --dead lists them`,
    );
  }
  if (others.length > 0) {
    const ids = found
      .map((letter) => `"${letter.accountId}"`)
      .sort()
      .join(', ');
    throw new UsageError(`${messageSid} is dead-lettered on accounts ${ids}: say which one with --account`);
  }
  return dead;
}

/**
 * Puts a dead-lettered message back in the queue with its attempts reset: the running gateway's workers take
 * it at their next poll (or the gateway does when it starts), in the sender's order. A failure reply the
 * texter already got is not sent again; the assistant's answer follows it if the turn succeeds this time.
 */
export async function queueRetry(scope: CommandScope): Promise<ExitCode> {
  const { context, command } = scope;
  const [messageSid] = command.processedArgs as [string];
  if (!MESSAGE_SID.test(messageSid)) {
    throw new UsageError(
      `${JSON.stringify(messageSid)} is not a Twilio MessageSid: SM or MM followed by 32 hexadecimal digits`,
    );
  }
  const options = command.opts<QueueRetryOptions>();
  const config = await loadCliConfig(scope, { secrets: 'optional' });
  const accountId =
    options.account === undefined ? undefined : selectAccount(config, options.account).accountId;
  const store = await openExistingStore(config, context.deps);
  if (store === undefined) {
    throw new OperationFailedError(
      `no dead-lettered messages: the gateway's store ${config.storePath} does not exist (is gateway.stateDir the gateway's?)`,
    );
  }
  try {
    const dead = await findDeadLetter(store, messageSid, accountId);
    if (!(await store.requeueDeadLetter(dead.id))) {
      throw new OperationFailedError(
        `${messageSid} is no longer dead-lettered (another process requeued it)`,
      );
    }
    const from = dead.sender === null ? '' : ` from ${dead.sender}`;
    context.out(
      `Requeued ${messageSid}${from} on account "${dead.accountId}": the gateway hands it to the assistant again (attempts reset).`,
    );
    return EXIT_OK;
  } finally {
    await store.close();
  }
}
