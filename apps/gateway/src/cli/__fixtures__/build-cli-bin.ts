import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Builds `src/cli.ts` the way `tsup.config.ts` does (ESM, node20, dependencies external) into a private folder
 * under the package's `node_modules/.cache`, so the bin resolves its dependencies like `dist/cli.js` does.
 * Not `dist/` itself: turbo runs `test` and `build` of this package side by side, and `build` cleans `dist/`.
 */
export async function buildCliBin(): Promise<{ bin: string; remove(): Promise<void> }> {
  const outDir = join(packageDir, 'node_modules', '.cache', `cli-e2e-${randomBytes(4).toString('hex')}`);
  await build({
    entry: { cli: join(packageDir, 'src', 'cli.ts') },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    outDir,
    config: false,
    dts: false,
    sourcemap: false,
    silent: true,
    tsconfig: join(packageDir, 'tsconfig.json'),
  });
  return { bin: join(outDir, 'cli.js'), remove: () => rm(outDir, { recursive: true, force: true }) };
}
