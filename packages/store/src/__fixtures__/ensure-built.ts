/**
 * Vitest global setup: makes sure `dist/` is the build of the current sources, since some tests run the built
 * package (the store thread loads `dist/store-worker.js`; the boundary test reads the bundles). Builds with
 * tsup when a file is missing or older than a source; a failed build throws, failing the run with its output.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built files the tests use. */
export const builtEntries = ['index', 'testing', 'thread', 'store-worker'].flatMap((name) => [
  `${name}.js`,
  `${name}.cjs`,
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__fixtures__' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function staleReason(): string | undefined {
  const newestSource = Math.max(
    ...[
      ...sources(join(packageRoot, 'src')),
      join(packageRoot, 'tsup.config.ts'),
      join(packageRoot, 'package.json'),
    ].map((file) => statSync(file).mtimeMs),
  );
  for (const entry of builtEntries) {
    const file = join(packageRoot, 'dist', entry);
    if (!existsSync(file)) return `dist/${entry} is missing`;
    if (statSync(file).mtimeMs < newestSource) return `dist/${entry} is older than the sources`;
  }
  return undefined;
}

export function setup(): void {
  const reason = staleReason();
  if (reason === undefined) return;
  try {
    execFileSync(join(packageRoot, 'node_modules', '.bin', 'tsup'), [], {
      cwd: packageRoot,
      stdio: 'pipe',
    });
  } catch (error) {
    const output = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(
      `the store tests need the built package (${reason}) and building it failed: ${output.message}\n` +
        `${output.stdout?.toString() ?? ''}${output.stderr?.toString() ?? ''}`,
    );
  }
}
