import type { Command } from 'commander';
import { EXIT_OK, type ExitCode } from './cli-error.js';
import type { ActionFactory, CommandScope } from './command-scope.js';
import { loadCliConfig } from './load-cli-config.js';
import { selectAccount } from './select-account.js';
import { describeSmsCapabilities, smsCapabilities } from './sms-capabilities.js';
import { requireSmsChannel } from './sms-channel-name.js';

interface CapabilitiesOptions {
  channel: string;
  account?: string;
  json?: boolean;
}

async function channelsCapabilities(scope: CommandScope): Promise<ExitCode> {
  const { context, command } = scope;
  const options = command.opts<CapabilitiesOptions>();
  requireSmsChannel(options.channel);
  // Static facts need no config; only `--account` reads it, for that account's textChunkLimit.
  const limit =
    options.account === undefined
      ? undefined
      : selectAccount(await loadCliConfig(scope), options.account).textChunkLimit;
  const capabilities = smsCapabilities(limit);
  if (options.json === true) context.out(JSON.stringify(capabilities, null, 2));
  else for (const line of describeSmsCapabilities(capabilities)) context.out(line);
  return EXIT_OK;
}

/** `channels capabilities --channel sms [--account <id>] [--json]`. */
export function registerChannelsCapabilities(parent: Command, action: ActionFactory): void {
  parent
    .command('capabilities')
    .description('what the SMS channel supports (chat types, text limits, media, access policies)')
    .option('--channel <name>', 'the channel: sms', 'sms')
    .option('--account <id>', "use this account's textChunkLimit")
    .option('--json', 'print JSON')
    .action(action(channelsCapabilities));
}
