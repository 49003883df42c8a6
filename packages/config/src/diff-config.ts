import { type ConfigPath, formatConfigPath } from './config-issue.js';
import { isPlainObject } from './merge-patch.js';
import { redactConfig } from './redact-config.js';

/** One difference between two configurations; values are redacted. */
export interface ConfigChange {
  kind: 'added' | 'removed' | 'changed';
  path: ConfigPath;
  before?: unknown;
  after?: unknown;
}

export interface ConfigDiff {
  changes: ConfigChange[];
  /** One line per change (`+ path = value`, `- path (was value)`, `~ path: before -> after`), or `(no changes)`. */
  text: string;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function walk(before: unknown, after: unknown, path: ConfigPath, out: ConfigChange[]): void {
  // Objects are compared key by key; arrays, like in a merge patch, are values replaced as a whole.
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of Object.keys(before)) {
      if (!Object.hasOwn(after, key))
        out.push({ kind: 'removed', path: [...path, key], before: before[key] });
    }
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key)) out.push({ kind: 'added', path: [...path, key], after: after[key] });
      else walk(before[key], after[key], [...path, key], out);
    }
    return;
  }
  if (!sameValue(before, after)) out.push({ kind: 'changed', path, before, after });
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function line(change: ConfigChange): string {
  const where = formatConfigPath(change.path);
  if (change.kind === 'added') return `+ ${where} = ${show(change.after)}`;
  if (change.kind === 'removed') return `- ${where} (was ${show(change.before)})`;
  return `~ ${where}: ${show(change.before)} -> ${show(change.after)}`;
}

/**
 * What changes between two configurations, for a dry run. Raw values are compared (a new secret is a change)
 * and then masked the way `redactConfig` masks them, so no secret reaches the text.
 */
export function diffConfig(before: unknown, after: unknown): ConfigDiff {
  const raw: ConfigChange[] = [];
  walk(before, after, [], raw);
  const changes = raw.map((change) => {
    const masked: ConfigChange = { kind: change.kind, path: change.path };
    const key = change.path.at(-1);
    // Redacted in the context of its key, so `authToken: "..."` is masked even when it is the changed leaf.
    const wrap = (value: unknown) =>
      typeof key === 'string'
        ? redactConfig<Record<string, unknown>>({ [key]: value })[key]
        : redactConfig(value);
    if ('before' in change) masked.before = wrap(change.before);
    if ('after' in change) masked.after = wrap(change.after);
    return masked;
  });
  const text = changes.length === 0 ? '(no changes)' : changes.map(line).join('\n');
  return { changes, text };
}
