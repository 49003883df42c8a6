import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** A path written in the config or an env var: `~` is the home directory, a relative path is from `baseDir`. */
export function expandPath(path: string, baseDir: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(2));
  return isAbsolute(path) ? path : resolve(baseDir, path);
}
