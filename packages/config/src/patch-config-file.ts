import { type ApplyConfigPatchOptions, applyConfigPatch } from './apply-config-patch.js';
import type { ConfigIssue } from './config-issue.js';
import type { ConfigDiff } from './diff-config.js';
import { loadConfigFile } from './load-config-file.js';
import { writeConfigFile } from './write-config-file.js';

export interface PatchConfigFileOptions extends ApplyConfigPatchOptions {
  /** Compute and validate the result, write nothing. @default false */
  dryRun?: boolean;
}

export interface PatchedConfigFile {
  path: string;
  config: Record<string, unknown>;
  diff: ConfigDiff;
  warnings: ConfigIssue[];
  /** `false` on a dry run and when the patch changes nothing. */
  written: boolean;
}

/**
 * `config patch --file x.json5 [--dry-run]`: loads the config file (`path`, or the default path), applies the
 * patch with validation, and writes the result atomically with `writeConfigFile` unless `dryRun` is set or
 * nothing changes. The file may be invalid before the patch (a patch can fix it) but never after.
 */
export async function patchConfigFile(
  path: string | undefined,
  patch: unknown,
  options: PatchConfigFileOptions = {},
): Promise<PatchedConfigFile> {
  const loaded = await loadConfigFile(path, { env: options.env, validate: false });
  const applied = applyConfigPatch(loaded.config, patch, options);
  const written = options.dryRun !== true && applied.diff.changes.length > 0;
  if (written) await writeConfigFile(loaded.path, applied.config);
  return {
    path: loaded.path,
    config: applied.config,
    diff: applied.diff,
    warnings: applied.warnings,
    written,
  };
}
