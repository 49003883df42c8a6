import type { Command } from 'commander';
import type { ActionFactory } from './command-scope.js';

/** `queue retry <MessageSid> [--account <id>]`. */
export function registerQueueRetry(parent: Command, action: ActionFactory): void {
  parent
    .command('retry')
    .description(
      'hand a dead-lettered message to the assistant again (attempts reset); works while the gateway runs',
    )
    .argument('<messageSid>', "the message's Twilio SID (SM... or MM...), as queue list --dead shows it")
    .option('--account <id>', 'the account the message belongs to (default: whichever holds it)')
    .action(action(async (scope) => (await import('./queue-retry.js')).queueRetry(scope)));
}
