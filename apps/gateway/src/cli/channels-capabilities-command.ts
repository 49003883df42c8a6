import type { Command } from 'commander';
import type { ActionFactory } from './command-scope.js';

/** `channels capabilities --channel sms [--account <id>] [--json]`. */
export function registerChannelsCapabilities(parent: Command, action: ActionFactory): void {
  parent
    .command('capabilities')
    .description('what the SMS channel supports (chat types, text limits, media, access policies)')
    .option('--channel <name>', 'the channel: sms', 'sms')
    .option('--account <id>', "use this account's textChunkLimit")
    .option('--json', 'print JSON')
    .action(
      action(async (scope) => (await import('./channels-capabilities.js')).channelsCapabilities(scope)),
    );
}
