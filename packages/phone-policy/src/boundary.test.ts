import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltBundle, buildBundle } from './__fixtures__/build-bundle.js';

let bundle: BuiltBundle;
// Built from the current sources with the package's own tsup config, so this never skips (issue 18).
beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);
afterAll(() => bundle?.cleanup());

function importsOf(file: string): string[] {
  const code = bundle.read(file);
  const patterns = [
    /^\s*(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  ];
  const specifiers = patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1] ?? ''));
  return [...new Set(specifiers)].filter((s) => !s.startsWith('.')).sort();
}

describe('package boundary (the built bundle)', () => {
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
