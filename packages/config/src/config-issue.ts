/**
 * A path into the whole configuration object, from its root: `['channels', 'sms', 'accounts', 'work',
 * 'fromNumber']`. Arrays (not dotted strings) because account ids and the app's own keys may contain dots;
 * `formatConfigPath` gives the readable form. Values that came from an environment variable have the path
 * `['$env', NAME]`.
 */
export type ConfigPath = readonly (string | number)[];

/** One finding about a configuration: an `error` makes it unusable, a `warning` is worth telling a person. */
export interface ConfigIssue {
  path: ConfigPath;
  message: string;
  severity: 'error' | 'warning';
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `['channels', 'sms', 'allowFrom', 2]` -> `channels.sms.allowFrom[2]`; odd keys are quoted: `accounts["a.b"]`. */
export function formatConfigPath(path: ConfigPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(root)' : out;
}

/** One line per issue, `path: message`, warnings marked; for error messages and CLI output. */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues
    .map((issue) => {
      const mark = issue.severity === 'warning' ? ' (warning)' : '';
      return `${formatConfigPath(issue.path)}${mark}: ${issue.message}`;
    })
    .join('\n');
}

/** Drops repeated issues (an inherited value is checked once per account that inherits it). */
export function dedupeIssues<T extends ConfigIssue>(issues: readonly T[]): T[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify([issue.severity, issue.path, issue.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
