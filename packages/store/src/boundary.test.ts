import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__fixtures__' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gm)].map(
    (match) => match[1] as string,
  );
}

const external = (specifier: string) => !specifier.startsWith('.');

describe('what the package depends on', () => {
  const files = sourceFiles(srcDir).map((file) => ({
    name: relative(srcDir, file),
    imports: importsOf(file),
  }));
  const runtime = files.filter((file) => !file.name.startsWith('testing'));
  const testing = files.filter((file) => file.name.startsWith('testing'));

  it('finds the source files it checks', () => {
    expect(runtime.length).toBeGreaterThan(10);
    expect(testing.length).toBeGreaterThan(3);
  });

  it('loads only better-sqlite3, phone-policy and Node built-ins from the main entry', () => {
    const allowed = (s: string) =>
      s === 'better-sqlite3' || s === '@sms-channel/phone-policy' || s.startsWith('node:');
    const offending = runtime.flatMap((file) => file.imports.filter(external).filter((s) => !allowed(s)));
    expect(offending).toEqual([]);
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
