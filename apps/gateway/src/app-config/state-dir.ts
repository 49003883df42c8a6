import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** The env var naming the state directory when the config file does not. */
export const STATE_DIR_ENV = 'SMS_CHANNEL_STATE_DIR';
/** The store's file name inside the state directory (the gateway and the CLI open the same file). */
export const STORE_FILE_NAME = 'store.db';

function expand(path: string, baseDir: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(2));
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

/**
 * `gateway.stateDir` (relative to the config file's directory), else `$SMS_CHANNEL_STATE_DIR` (relative to
 * the working directory), else `~/.sms-channel/state`.
 */
export function resolveStateDir(
  configured: string | undefined,
  options: { env?: Readonly<Record<string, string | undefined>>; baseDir?: string } = {},
): string {
  if (configured !== undefined) return expand(configured, options.baseDir ?? process.cwd());
  const fromEnv = (options.env ?? process.env)[STATE_DIR_ENV]?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return expand(fromEnv, process.cwd());
  return join(homedir(), '.sms-channel', 'state');
}

/** The store file of a state directory. */
export function storeFilePath(stateDir: string): string {
  return join(stateDir, STORE_FILE_NAME);
}
