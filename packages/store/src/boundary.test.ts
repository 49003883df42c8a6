import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = dirname(fileURLToPath(import.meta.url));
const distDir = join(srcDir, '..', 'dist');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__fixtures__' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Specifiers of static imports and re-exports that remain at run time (type-only ones are erased). */
function staticImportsOf(code: string): string[] {
  return [...code.matchAll(/^\s*(import|export)\s(?!type\s)[^;]*?from\s+['"]([^'"]+)['"]/gm)].map(
    (match) => match[2] as string,
  );
}

/** Specifiers of `import('...')` expressions. */
function dynamicImportsOf(code: string): string[] {
  return [...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] as string);
}

/** Specifiers of `require('...')` calls (the CommonJS build). */
function requiresOf(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] as string);
}

const external = (specifier: string) => !specifier.startsWith('.');
const drivers = ['better-sqlite3', 'node:sqlite', 'sqlite'];

describe('what the package depends on', () => {
  const files = sourceFiles(srcDir).map((file) => {
    const code = readFileSync(file, 'utf8');
    return { name: relative(srcDir, file), imports: staticImportsOf(code), dynamic: dynamicImportsOf(code) };
  });
  const runtime = files.filter((file) => !file.name.startsWith('testing'));
  const testing = files.filter((file) => file.name.startsWith('testing'));

  it('finds the source files it checks', () => {
    expect(runtime.length).toBeGreaterThan(10);
    expect(testing.length).toBeGreaterThan(3);
  });

  it('loads only phone-policy and Node built-ins statically from the main entry', () => {
    const allowed = (s: string) =>
      s === '@sms-channel/phone-policy' || (s.startsWith('node:') && !drivers.includes(s));
    const offending = runtime.flatMap((file) => file.imports.filter(external).filter((s) => !allowed(s)));
    expect(offending).toEqual([]);
  });

  it('imports better-sqlite3 and pg only lazily, each from its own module, and never imports node:sqlite', () => {
    const dynamic = runtime.flatMap((file) =>
      file.dynamic.filter(external).map((specifier) => `${file.name}: ${specifier}`),
    );
    expect(dynamic.sort()).toEqual([
      `${join('postgres', 'load-pg.ts')}: pg`,
      `${join('sqlite', 'better-sqlite3-driver.ts')}: better-sqlite3`,
    ]);
  });

  it('imports the driver modules only lazily, when a store is opened', () => {
    const driverModules = ['./better-sqlite3-driver.js', './node-sqlite-driver.js'];
    const isDriverModule = (s: string) => driverModules.includes(s);
    const eager = runtime.flatMap((file) =>
      file.imports.filter(isDriverModule).map((s) => `${file.name}: ${s}`),
    );
    expect(eager).toEqual([]);
    const lazy = runtime.flatMap((file) => file.dynamic.filter(isDriverModule));
    expect(lazy.sort()).toEqual(driverModules);
  });

  it('never reaches the test-only code from the main entry', () => {
    const offending = runtime.flatMap((file) => file.imports.filter((s) => s.includes('testing')));
    expect(offending).toEqual([]);
  });

  it('keeps vitest and the contract suites to the testing entry', () => {
    const allowed = (s: string) =>
      ['vitest', '@sms-channel/phone-policy', '@sms-channel/phone-policy/testing'].includes(s);
    const offending = testing.flatMap((file) => file.imports.filter(external).filter((s) => !allowed(s)));
    expect(offending).toEqual([]);
  });
});

describe('the build', () => {
  // Built by the global setup (ensure-built.ts) from the current sources, or the run failed before this.
  const built = (entry: string) => readFileSync(join(distDir, entry), 'utf8');

  for (const entry of ['index.js', 'index.cjs']) {
    it(`dist/${entry} loads no SQLite binding nor pg until a store is opened`, () => {
      const code = built(entry);
      const eager = [...staticImportsOf(code), ...requiresOf(code)].filter(
        (s) => drivers.includes(s) || s === 'pg',
      );
      expect(eager).toEqual([]);
      expect(dynamicImportsOf(code).filter((s) => s === 'node:sqlite' || s === 'sqlite')).toEqual([]);
    });

    it(`dist/${entry} never starts a thread (only the thread entry does)`, () => {
      expect(built(entry)).not.toContain('node:worker_threads');
    });
  }

  for (const [entry, worker] of [
    ['thread.js', 'store-worker.js'],
    ['thread.cjs', 'store-worker.cjs'],
  ] as const) {
    it(`dist/${entry} has its worker module, ${worker}, beside it`, () => {
      expect(built(entry)).toContain('./store-worker');
      expect(existsSync(join(distDir, worker))).toBe(true);
    });
  }
});
