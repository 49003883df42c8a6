import { readFile } from 'node:fs/promises';
import JSON5 from 'json5';
import {
  ConfigFileError,
  ConfigFileNotFoundError,
  ConfigParseError,
  ConfigValidationError,
} from './config-error.js';
import { defaultConfigPath, expandConfigPath } from './config-file-path.js';
import type { ConfigIssue } from './config-issue.js';
import type { Env } from './env.js';
import { isPlainObject } from './merge-patch.js';
import { validateConfig } from './validate-config.js';

export interface LoadConfigFileOptions {
  /** Env vars (for the default path and for rules env vars can satisfy). @default process.env */
  env?: Env;
  /** Check `channels.sms` and throw `ConfigValidationError` when it is invalid. @default true */
  validate?: boolean;
}

export interface LoadedConfigFile {
  /** The absolute path read (or that would have been read). */
  path: string;
  /** `false` when the default path has no file yet: `config` is then `{}`. */
  exists: boolean;
  /** The whole file as parsed, every section included: the app validates its own sections. */
  config: Record<string, unknown>;
  /** Warnings about `channels.sms` (empty when `validate` is off). */
  warnings: ConfigIssue[];
}

function parseJson5(path: string, text: string): unknown {
  // An empty file is an empty configuration, not a syntax error.
  if (text.trim() === '') return {};
  try {
    return JSON5.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const position = error as SyntaxError & { lineNumber?: number; columnNumber?: number };
    const detail = error.message.replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '');
    throw new ConfigParseError(path, position.lineNumber ?? 1, position.columnNumber ?? 1, detail, error);
  }
}

async function readText(path: string, explicit: boolean): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigFileError(path, 'read', error);
    if (explicit) throw new ConfigFileNotFoundError(path, error);
    return undefined;
  }
}

/**
 * Reads a JSON5 config file. Without `path`, reads `$SMS_CHANNEL_CONFIG` or `~/.sms-channel/config.json5`, and a
 * missing file there is an empty configuration; a `path` given explicitly must exist. Syntax errors throw
 * `ConfigParseError` with file, line and column; an invalid `channels.sms` throws `ConfigValidationError`.
 */
export async function loadConfigFile(
  path?: string,
  options: LoadConfigFileOptions = {},
): Promise<LoadedConfigFile> {
  const env = options.env ?? process.env;
  const file = path === undefined ? defaultConfigPath(env) : expandConfigPath(path);
  const text = await readText(file, path !== undefined);
  if (text === undefined) return { path: file, exists: false, config: {}, warnings: [] };
  const parsed = parseJson5(file, text);
  if (!isPlainObject(parsed)) {
    const issue: ConfigIssue = {
      path: [],
      severity: 'error',
      message: 'the config file must hold an object ({ ... })',
    };
    throw new ConfigValidationError([issue], { file });
  }
  if (options.validate === false) return { path: file, exists: true, config: parsed, warnings: [] };
  const validation = validateConfig(parsed, { env });
  if (!validation.ok) throw new ConfigValidationError(validation.issues, { file });
  return { path: file, exists: true, config: parsed, warnings: validation.issues };
}
