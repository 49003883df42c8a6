/**
 * The built package, for tests that must run it rather than its sources (the store thread starts
 * `dist/store-worker.js`). `ensure-built.ts` (the vitest global setup) has built it from the current sources.
 * The path is computed so the type checker does not need `dist/` to exist: types come from the sources.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const distDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

/** `@sms-channel/store/thread` as built, ESM. */
export async function importBuiltThread(): Promise<typeof import('../thread/index.js')> {
  return import(pathToFileURL(join(distDir, 'thread.js')).href);
}

/** `@sms-channel/store/thread` as built, CommonJS (loaded by Node's own `require`). */
export function requireBuiltThread(): typeof import('../thread/index.js') {
  return createRequire(import.meta.url)(join(distDir, 'thread.cjs'));
}
