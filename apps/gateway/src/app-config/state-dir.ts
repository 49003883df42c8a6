import { homedir } from 'node:os';
import { join } from 'node:path';
import { expandConfigPath } from '@sms-channel/config';

/** The env var naming the state directory when the config file does not. */
export const STATE_DIR_ENV = 'SMS_CHANNEL_STATE_DIR';
/** The store's file name inside the state directory (the gateway and the CLI open the same file). */
export const STORE_FILE_NAME = 'store.db';

/**
 * `gateway.stateDir` (relative to the config file's directory), else `$SMS_CHANNEL_STATE_DIR` (relative to
 * the working directory), else `~/.sms-channel/state`.
 */
export function resolveStateDir(
  configured: string | undefined,
  options: { env?: Readonly<Record<string, string | undefined>>; baseDir?: string } = {},
): string {
  if (configured !== undefined) return expandConfigPath(configured, options.baseDir ?? process.cwd());
  const fromEnv = (options.env ?? process.env)[STATE_DIR_ENV]?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return expandConfigPath(fromEnv, process.cwd());
  return join(homedir(), '.sms-channel', 'state');
}

/** The store file of a state directory. */
export function storeFilePath(stateDir: string): string {
  return join(stateDir, STORE_FILE_NAME);
}

/** The media directory inside the state directory (inbound MMS media, files served to Twilio, draft media). */
export function mediaDirPath(stateDir: string): string {
  return join(stateDir, 'media');
}
