import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'tsup';
import tsupConfig from '../../tsup.config.js';

/** The package's JavaScript bundle, built from the current sources into a temporary directory. */
export interface BuiltBundle {
  /** The text of one output file, e.g. `index.js`. */
  read(file: string): string;
  /** Removes the temporary directory. */
  cleanup(): void;
}

/**
 * Builds the package with its own `tsup.config.ts` (entries, formats, target), without type declarations,
 * into a temporary directory. Boundary tests read this rather than `dist/`, so they never skip because the
 * package was not built, nor pass on a stale build (issue 18).
 * @throws when the config is not a single options object, or the build fails (with tsup's reason).
 */
export async function buildBundle(): Promise<BuiltBundle> {
  if (typeof tsupConfig !== 'object' || Array.isArray(tsupConfig)) {
    throw new Error('buildBundle expects tsup.config.ts to export one options object');
  }
  const outDir = mkdtempSync(join(tmpdir(), 'twilio-signature-bundle-'));
  await build({
    ...tsupConfig,
    outDir,
    dts: false,
    sourcemap: false,
    clean: false,
    silent: true,
    config: false,
  });
  return {
    read: (file) => readFileSync(join(outDir, file), 'utf8'),
    cleanup: () => rmSync(outDir, { recursive: true, force: true }),
  };
}
