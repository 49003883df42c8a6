/**
 * Boundary: this library may import nothing at run time but `node:crypto` (issue 2, STYLE rule 1),
 * so any channel can use it without pulling in the twilio SDK or app code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltBundle, buildBundle } from './__fixtures__/build-bundle.js';

const ALLOWED = new Set(['node:crypto']);
const srcDir = import.meta.dirname;

let bundle: BuiltBundle;
// Built from the current sources with the package's own tsup config, so this never skips (issue 18).
beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);
afterAll(() => bundle?.cleanup());

/** Module specifiers of static and dynamic imports, and of requires. */
function importsOf(code: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\b(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.add(match[1] ?? '');
  return [...found];
}

function runtimeImportsOf(code: string): string[] {
  // Type-only imports are erased at build time.
  const withoutTypes = code.replace(/\bimport\s+type\s[^;]*;/g, '').replace(/\bexport\s+type\s[^;]*;/g, '');
  return importsOf(withoutTypes);
}

describe('package boundary', () => {
  it('library sources import only each other and node:crypto', () => {
    const sources = readdirSync(srcDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) {
      const external = runtimeImportsOf(readFileSync(join(srcDir, file), 'utf8')).filter(
        (s) => !s.startsWith('./'),
      );
      for (const specifier of external) expect(ALLOWED, `${file} imports ${specifier}`).toContain(specifier);
    }
  });

  it('the built bundle, ESM and CJS, imports only node:crypto (with its node: prefix, for Deno, Bun, Workers)', () => {
    for (const file of ['index.js', 'index.cjs'])
      expect(importsOf(bundle.read(file)), file).toEqual(['node:crypto']);
  });
});
