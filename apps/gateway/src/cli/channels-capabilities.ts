import { EXIT_OK, type ExitCode } from './cli-error.js';
import type { CommandScope } from './command-scope.js';
import { loadCliConfig } from './load-cli-config.js';
import { selectAccount } from './select-account.js';
import { describeSmsCapabilities, smsCapabilities } from './sms-capabilities.js';
import { requireSmsChannel } from './sms-channel-name.js';

interface CapabilitiesOptions {
  channel: string;
  account?: string;
  json?: boolean;
}

export async function channelsCapabilities(scope: CommandScope): Promise<ExitCode> {
  const { context, command } = scope;
  const options = command.opts<CapabilitiesOptions>();
  requireSmsChannel(options.channel);
  // Static facts need no config; only `--account` reads it, for that account's textChunkLimit.
  const limit =
    options.account === undefined
      ? undefined
      : selectAccount(await loadCliConfig(scope, { secrets: 'optional' }), options.account).textChunkLimit;
  const capabilities = smsCapabilities(limit);
  if (options.json === true) context.out(JSON.stringify(capabilities, null, 2));
  else for (const line of describeSmsCapabilities(capabilities)) context.out(line);
  return EXIT_OK;
}
