import { type Command, InvalidArgumentError } from 'commander';
import type { ActionFactory } from './command-scope.js';

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value.trim()) || limit < 1 || limit > 10_000) {
    throw new InvalidArgumentError('must be a whole number from 1 to 10000');
  }
  return limit;
}

/** `queue list [--dead] [--account <id>] [--limit <n>] [--json]`. */
export function registerQueueList(parent: Command, action: ActionFactory): void {
  parent
    .command('list')
    .description('messages still to handle (waiting or in progress), or with --dead the ones given up on')
    .option('--dead', 'list dead-lettered messages instead: newest first, with why they failed')
    .option('--account <id>', 'only this account (default: every account)')
    .option('--limit <n>', 'at most this many messages', parseLimit, 100)
    .option(
      '--json',
      'print JSON: { dead, counts, messages: [{ accountId, messageSid, from, to, body, attempts, ... }] }',
    )
    .action(action(async (scope) => (await import('./queue-list.js')).queueList(scope)));
}
