/**
 * Boundary: this library may import nothing at run time but `node:crypto` (issue 2, STYLE rule 1),
 * so any channel can use it without pulling in the twilio SDK or app code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ALLOWED = new Set(['node:crypto']);
const srcDir = import.meta.dirname;
const distFile = join(srcDir, '..', 'dist', 'index.js');

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

  it.skipIf(!existsSync(distFile))('the built dist/index.js imports only node:crypto', () => {
    expect(importsOf(readFileSync(distFile, 'utf8'))).toEqual(['node:crypto']);
  });
});
