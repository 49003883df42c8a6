import type { Command } from 'commander';
import type { ActionFactory } from './command-scope.js';

/** `pairing revoke sms <E.164> [--account <id>]`. */
export function registerPairingRevoke(parent: Command, action: ActionFactory): void {
  parent
    .command('revoke')
    .description(
      'take back a pairing approval (and cancel a pending code): the sender must pair again; works while the gateway runs',
    )
    .argument('<channel>', 'the channel: sms')
    .argument('<number>', 'the sender, E.164 (+15551234567; sms: prefix and spaces accepted)')
    .option('--account <id>', 'only on this account (default: every account)')
    .action(action(async (scope) => (await import('./pairing-revoke.js')).pairingRevoke(scope)));
}
