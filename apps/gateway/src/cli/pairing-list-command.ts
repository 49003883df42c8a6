import type { Command } from 'commander';
import type { ActionFactory } from './command-scope.js';

/** `pairing list sms [--json] [--account <id>]`. */
export function registerPairingList(parent: Command, action: ActionFactory): void {
  parent
    .command('list')
    .description('pending pairing requests: sender, code and expiry (unexpired only)')
    .argument('<channel>', 'the channel: sms')
    .option('--account <id>', 'only this account (default: every account)')
    .option(
      '--json',
      'print JSON: { channel, requests: [{ accountId, sender, code, requestedAt, expiresAt }] }',
    )
    .action(action(async (scope) => (await import('./pairing-list.js')).pairingList(scope)));
}
