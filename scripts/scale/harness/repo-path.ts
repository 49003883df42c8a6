/** Paths inside the repository, wherever the harness is run from. */
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** `relative` (from the repository root) as an absolute path. */
export function repoPath(relative: string): string {
  return `${root}${relative}`;
}
