import type { Command } from 'commander';
import type { ActionFactory } from './command-scope.js';

/** `message send --channel sms --target sms:+1... --message "..." [--account <id>] [--json]`. */
export function registerMessageSend(parent: Command, action: ActionFactory): void {
  parent
    .command('send')
    .description('send a message (markdown, formatted and cut into parts like assistant replies)')
    .option('--channel <name>', 'the channel: sms', 'sms')
    .requiredOption(
      '--target <target>',
      'recipient: sms:+15551234567, twilio-sms:+15551234567 or +15551234567',
    )
    .requiredOption('--message <text>', 'the text (markdown)')
    .option('--account <id>', 'send from this account (default: the default account)')
    .option(
      '--json',
      'print JSON: { channel, accountId, to, from, parts: [{ sid, status, body, segments }] }',
    )
    .action(action(async (scope) => (await import('./message-send.js')).messageSend(scope)));
}
