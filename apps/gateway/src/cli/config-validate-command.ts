import type { Command } from 'commander';
import type { ActionFactory } from './command-scope.js';

/** `config validate [--json]`: the global `--config` file, both `channels.sms` and the app's sections. */
export function registerConfigValidate(parent: Command, action: ActionFactory): void {
  parent
    .command('validate')
    .description('check the config file (channels.sms, agent, gateway) and resolve the accounts')
    .option('--json', 'print JSON: { ok, file, accounts, issues }')
    .action(action(async (scope) => (await import('./config-validate.js')).configValidate(scope)));
}
