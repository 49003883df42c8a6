import type { Command } from 'commander';
import type { ActionFactory } from './command-scope.js';

/** Collects a repeatable option's values. */
const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * `message send --channel sms --target sms:+1... --message "..." [--media <url|file>]... [--media-as-links]
 * [--account <id>] [--json]`.
 */
export function registerMessageSend(parent: Command, action: ActionFactory): void {
  parent
    .command('send')
    .description('send a message (markdown, formatted and cut into parts like assistant replies)')
    .option('--channel <name>', 'the channel: sms', 'sms')
    .requiredOption(
      '--target <target>',
      'recipient: sms:+15551234567, twilio-sms:+15551234567 or +15551234567',
    )
    .option('--message <text>', 'the text (markdown); may be left out when --media is given', '')
    .option(
      '--media <url-or-file>',
      'send as MMS with this media: an https URL, or a local file the running gateway serves to Twilio (repeatable, at most 10)',
      collect,
      [],
    )
    .option(
      '--media-as-links',
      'to a number outside the US and Canada (no MMS there), send the media as links in the text instead of failing',
    )
    .option('--account <id>', 'send from this account (default: the default account)')
    .option(
      '--json',
      'print JSON: { channel, accountId, to, from, media, parts: [{ sid, status, body, segments }] }',
    )
    .action(action(async (scope) => (await import('./message-send.js')).messageSend(scope)));
}
