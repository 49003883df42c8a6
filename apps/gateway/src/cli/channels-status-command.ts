import { type Command, InvalidArgumentError } from 'commander';
import type { ActionFactory } from './command-scope.js';

function parseTimeout(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1 || ms > 120_000) {
    throw new InvalidArgumentError('must be a whole number of milliseconds from 1 to 120000');
  }
  return ms;
}

/** `channels status --channel sms [--probe] [--timeout <ms>] [--json]`. */
export function registerChannelsStatus(parent: Command, action: ActionFactory): void {
  parent
    .command('status')
    .description(
      'each account: sender, webhook, access policy, pairings; --probe asks Twilio (exit 1 if a check fails)',
    )
    .option('--channel <name>', 'the channel: sms', 'sms')
    .option('--probe', 'check credentials, sender and the SMS webhook URL with Twilio (read-only)')
    .option('--timeout <ms>', 'longest wait for each Twilio call', parseTimeout, 10_000)
    .option('--json', 'print JSON: { channel, ok, accounts: [...] }')
    .action(action(async (scope) => (await import('./channels-status.js')).channelsStatus(scope)));
}
