import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Env } from './env.js';

/** The env var naming the config file. */
export const CONFIG_PATH_ENV = 'SMS_CHANNEL_CONFIG';

/**
 * A path as a person writes it in config (a config file's, a file secret ref's): `~` and `~/...` expanded, then
 * made absolute against `baseDir` (the working directory when omitted).
 */
export function expandConfigPath(path: string, baseDir?: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(2));
  return baseDir === undefined ? resolve(path) : resolve(baseDir, path);
}

/** `$SMS_CHANNEL_CONFIG` when set, else `~/.sms-channel/config.json5`. */
export function defaultConfigPath(env: Env = process.env): string {
  const fromEnv = env[CONFIG_PATH_ENV]?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return expandConfigPath(fromEnv);
  return join(homedir(), '.sms-channel', 'config.json5');
}
