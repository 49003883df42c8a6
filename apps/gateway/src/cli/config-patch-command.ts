import type { Command } from 'commander';
import type { ActionFactory } from './command-scope.js';

/** `config patch --file <patch.json5> [--dry-run]`: merges a patch into the global `--config` file. */
export function registerConfigPatch(parent: Command, action: ActionFactory): void {
  parent
    .command('patch')
    .description('merge a JSON5 patch into the config file (objects merge, null deletes, arrays replace)')
    .requiredOption('--file <patch>', 'the patch file (JSON5)')
    .option('--dry-run', 'show what would change (secrets masked) and write nothing')
    .action(action(async (scope) => (await import('./config-patch.js')).configPatch(scope)));
}
