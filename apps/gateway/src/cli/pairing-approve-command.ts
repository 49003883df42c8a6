import type { Command } from 'commander';
import type { ActionFactory } from './command-scope.js';

/** `pairing approve sms <CODE> [--account <id>] [--no-notify]`. */
export function registerPairingApprove(parent: Command, action: ActionFactory): void {
  parent
    .command('approve')
    .description('approve a pending sender by the code they were texted; works while the gateway runs')
    .argument('<channel>', 'the channel: sms')
    .argument('<code>', 'the pairing code (any case; spaces and dashes ignored)')
    .option('--account <id>', 'the account the request belongs to (default: whichever holds the code)')
    .option('--no-notify', 'do not text the sender that they are approved')
    .action(action(async (scope) => (await import('./pairing-approve.js')).pairingApprove(scope)));
}
