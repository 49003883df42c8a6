import { ConfigValidationError } from './config-error.js';
import type { ConfigIssue } from './config-issue.js';
import { type ConfigDiff, diffConfig } from './diff-config.js';
import type { Env } from './env.js';
import { applyMergePatch, isPlainObject } from './merge-patch.js';
import { validateConfig } from './validate-config.js';

export interface ApplyConfigPatchOptions {
  /** Env vars that fill accounts during validation (see `validateConfig`). @default process.env */
  env?: Env;
  /**
   * Extra validation of the patched configuration, for the sections the app owns (`agent`, `gateway`...):
   * any `error` it returns refuses the patch like an invalid `channels.sms` does.
   */
  validate?: (config: Record<string, unknown>) => readonly ConfigIssue[];
}

export interface AppliedConfigPatch {
  config: Record<string, unknown>;
  /** Warnings about the patched configuration. */
  warnings: ConfigIssue[];
  /** What the patch changes, secrets masked. */
  diff: ConfigDiff;
}

/**
 * Applies a JSON merge patch (RFC 7396: objects merge, `null` deletes, arrays replace) to a whole configuration
 * and validates the result. Pure: nothing is read or written. Throws `ConfigValidationError` when the patch is
 * not an object or the result is invalid.
 */
export function applyConfigPatch(
  config: Record<string, unknown>,
  patch: unknown,
  options: ApplyConfigPatchOptions = {},
): AppliedConfigPatch {
  if (!isPlainObject(patch)) {
    const message =
      'a config patch must be an object ({ channels: { sms: { ... } } }); use null to delete a key';
    throw new ConfigValidationError([{ path: [], severity: 'error', message }]);
  }
  const next = applyMergePatch(config, patch) as Record<string, unknown>;
  const validation = validateConfig(next, { env: options.env });
  const extra = options.validate?.(next) ?? [];
  const issues = [...validation.issues, ...extra];
  if (!validation.ok || extra.some((issue) => issue.severity === 'error'))
    throw new ConfigValidationError(issues);
  return { config: next, warnings: issues, diff: diffConfig(config, next) };
}
