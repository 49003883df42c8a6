import { isConfigFileNotFoundError, loadConfigFile, patchConfigFile } from '@sms-channel/config';
import { appConfigIssues } from '../app-config/app-config-schema.js';
import { EXIT_OK, type ExitCode, UsageError } from './cli-error.js';
import type { CommandScope } from './command-scope.js';
import { formatIssue } from './format-issue.js';

interface PatchOptions {
  file: string;
  dryRun?: boolean;
}

/** Reads the patch: JSON5 like the config file, so a syntax error is reported as `file:line:column`. */
async function readPatch(
  file: string,
  env: CommandScope['context']['env'],
): Promise<Record<string, unknown>> {
  try {
    return (await loadConfigFile(file, { env, validate: false })).config;
  } catch (error) {
    if (isConfigFileNotFoundError(error)) {
      throw new UsageError(`patch file ${error.file} does not exist`, { cause: error });
    }
    throw error;
  }
}

export async function configPatch(scope: CommandScope): Promise<ExitCode> {
  const { context, command, globals } = scope;
  const options = command.opts<PatchOptions>();
  const patch = await readPatch(options.file, context.env);
  // A JSON merge patch (RFC 7396); the result must validate as a whole, app sections included.
  const result = await patchConfigFile(globals.config, patch, {
    dryRun: options.dryRun === true,
    env: context.env,
    validate: appConfigIssues,
  });
  for (const line of result.diff.text.split('\n')) context.out(line);
  for (const warning of result.warnings) context.err(`sms-channel: ${formatIssue(warning)}`);
  if (options.dryRun === true) context.out(`Dry run: ${result.path} was not written.`);
  else if (result.written) context.out(`Wrote ${result.path}.`);
  else context.out(`Nothing to change: ${result.path} left as it was.`);
  return EXIT_OK;
}
