import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Deletes the files under `directory` last written more than `maxAgeMs` ago, and the folders that leaves
 * empty (the folder itself is kept). The retention of media files: the store's own retention covers its rows,
 * not files. Returns how many files were deleted; a missing folder is nothing to do.
 */
export async function sweepOldFiles(directory: string, maxAgeMs: number, now = Date.now()): Promise<number> {
  let removed = 0;
  const walk = async (folder: string, root: boolean): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        await walk(path, false);
        continue;
      }
      const info = await stat(path).catch(() => undefined);
      if (info !== undefined && now - info.mtimeMs > maxAgeMs) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    // Fails harmlessly when the folder is not empty (or a concurrent fetch just wrote into it).
    if (!root) await rmdir(folder).catch(() => undefined);
  };
  await walk(directory, true);
  return removed;
}
