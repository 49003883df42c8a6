import {
  type ConfigIssue,
  formatConfigPath,
  isConfigError,
  isConfigFileError,
  isConfigValidationError,
} from '@sms-channel/config';
import type { GatewayConfig } from '../app-config/load-gateway-config.js';
import { EXIT_OK, type ExitCode } from './cli-error.js';
import type { CommandScope } from './command-scope.js';
import { formatIssue } from './format-issue.js';
import { loadCliConfig } from './load-cli-config.js';

interface ValidateOptions {
  json?: boolean;
}

function jsonIssues(issues: readonly ConfigIssue[]) {
  return issues.map((issue) => ({
    path: formatConfigPath(issue.path),
    severity: issue.severity,
    message: issue.message,
  }));
}

function describeAccounts(config: GatewayConfig): string {
  if (config.accounts.length === 0) return 'no SMS accounts';
  const names = config.accounts.map((account) => {
    const notes = [
      account.isDefault ? 'default' : undefined,
      account.enabled ? undefined : 'disabled',
      account.enabled && !account.complete ? `missing ${account.missing.join(', ')}` : undefined,
    ].filter((note) => note !== undefined);
    return notes.length === 0 ? account.accountId : `${account.accountId} (${notes.join('; ')})`;
  });
  return `SMS accounts: ${names.join(', ')}`;
}

export async function configValidate(scope: CommandScope): Promise<ExitCode> {
  const { context, command } = scope;
  const options = command.opts<ValidateOptions>();
  let config: GatewayConfig;
  try {
    // Secrets are checked, but one this shell cannot read is a warning: the gateway may run elsewhere.
    config = await loadCliConfig(scope, { secrets: 'optional' });
  } catch (error) {
    // The list of issues is this command's output; the one-line reason still goes to stderr (exit 2).
    if (isConfigValidationError(error)) {
      if (options.json === true) {
        context.out(
          JSON.stringify({ ok: false, file: error.file, issues: jsonIssues(error.issues) }, null, 2),
        );
      } else {
        for (const issue of error.issues) context.out(formatIssue(issue));
      }
    } else if (options.json === true && isConfigError(error) && !isConfigFileError(error)) {
      // A file that is missing or not JSON5 is invalid too: --json still prints its one document.
      const file = 'file' in error && typeof error.file === 'string' ? error.file : undefined;
      const issue: ConfigIssue = { path: error.path, severity: 'error', message: error.message };
      context.out(JSON.stringify({ ok: false, file, issues: jsonIssues([issue]) }, null, 2));
    }
    throw error;
  }
  if (options.json === true) {
    const report = {
      ok: true,
      file: config.file,
      exists: config.exists,
      defaultAccountId: config.defaultAccountId,
      accounts: config.accounts.map(({ accountId, enabled, complete, missing }) => ({
        accountId,
        enabled,
        complete,
        missing,
      })),
      stateDir: config.stateDir,
      issues: jsonIssues(config.warnings),
    };
    context.out(JSON.stringify(report, null, 2));
    return EXIT_OK;
  }
  context.out(
    config.exists
      ? `${config.file}: valid`
      : `${config.file}: no such file; valid with defaults and environment variables only`,
  );
  context.out(describeAccounts(config));
  for (const warning of config.warnings) context.out(formatIssue(warning));
  return EXIT_OK;
}
