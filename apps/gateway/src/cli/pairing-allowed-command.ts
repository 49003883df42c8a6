import type { Command } from 'commander';
import type { ActionFactory } from './command-scope.js';

/** `pairing allowed sms [--account <id>] [--json]`. */
export function registerPairingAllowed(parent: Command, action: ActionFactory): void {
  parent
    .command('allowed')
    .description(
      'senders allowed to talk: approved by pairing (the store) and listed in allowFrom (the config)',
    )
    .argument('<channel>', 'the channel: sms')
    .option('--account <id>', 'only this account (default: every account)')
    .option('--json', 'print JSON: { channel, allowed: [{ accountId, sender, source, inEffect }] }')
    .action(action(async (scope) => (await import('./pairing-allowed.js')).pairingAllowed(scope)));
}
