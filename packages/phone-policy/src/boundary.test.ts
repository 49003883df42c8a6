import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));

function importsOf(file: string): string[] {
  const code = readFileSync(dist(file), 'utf8');
  const patterns = [
    /^\s*(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  ];
  const specifiers = patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1] ?? ''));
  return [...new Set(specifiers)].filter((s) => !s.startsWith('.')).sort();
}

// Reads the built files, so it checks what consumers get; it needs `build` first (turbo runs it before test).
describe.skipIf(!existsSync(dist('index.js')))('package boundary (built dist)', () => {
  it('the main entry pulls in only libphonenumber-js and node:crypto, never a test runner or twilio', () => {
    for (const file of ['index.js', 'index.cjs']) {
      // tsup strips the `node:` protocol when it bundles.
      expect(importsOf(file).map((s) => s.replace(/^node:/, ''))).toEqual([
        'crypto',
        'libphonenumber-js/max',
      ]);
    }
  });

  it('the testing entry adds only vitest', () => {
    for (const file of ['testing.js', 'testing.cjs']) expect(importsOf(file)).toEqual(['vitest']);
  });
});
