import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigFileError } from './config-error.js';
import { expandConfigPath } from './config-file-path.js';

export interface WriteConfigFileOptions {
  /** Copy the previous file to `<path>.bak` (mode 0600) before replacing it. @default true */
  backup?: boolean;
}

/** The file holds the Twilio auth token (or may): only its owner may read it. */
const FILE_MODE = 0o600;

async function followLink(path: string): Promise<string> {
  // Replace the file a symlink points to, not the link itself.
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function syncDirectory(directory: string): Promise<void> {
  // Makes the rename itself durable; not every platform lets a directory be opened, hence best effort.
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}

async function writeTemp(target: string, text: string): Promise<string> {
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await open(temp, 'wx', FILE_MODE);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.chmod(FILE_MODE);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temp;
}

/**
 * Writes a configuration as JSON (which is valid JSON5) atomically: a temp file in the same directory,
 * fsync, then rename over the target, so a crash leaves the old file or the new one, never half of one.
 * The file gets mode 0600 and the previous version is kept as `<path>.bak`. Comments of a hand-written file
 * are not preserved. Throws `ConfigFileError` on I/O failure.
 */
export async function writeConfigFile(
  path: string,
  config: Record<string, unknown>,
  options: WriteConfigFileOptions = {},
): Promise<void> {
  const target = await followLink(expandConfigPath(path));
  const text = `${JSON.stringify(config, null, 2)}\n`;
  let temp: string | undefined;
  try {
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    temp = await writeTemp(target, text);
    if (options.backup !== false && (await exists(target))) {
      const backup = `${target}.bak`;
      await copyFile(target, backup);
      await chmod(backup, FILE_MODE);
    }
    await rename(temp, target);
    temp = undefined;
    await syncDirectory(dirname(target));
  } catch (error) {
    throw new ConfigFileError(target, 'write', error);
  } finally {
    if (temp !== undefined) await rm(temp, { force: true });
  }
}
