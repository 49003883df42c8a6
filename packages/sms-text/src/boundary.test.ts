import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * The library's runtime imports, read from its sources (so the check needs no build): only its declared
 * dependencies, never `twilio` or another package of ours, so any channel can use it on its own.
 */
const sourceDir = new URL('./', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
};

function runtimeImports(): string[] {
  const found = new Set<string>();
  for (const name of readdirSync(sourceDir)) {
    if (!name.endsWith('.ts') || /\.(test|stress)\.ts$/.test(name)) continue;
    const code = readFileSync(new URL(name, sourceDir), 'utf8');
    for (const match of code.matchAll(/^import (?!type\b)[^'"]*?['"]([^'"]+)['"]/gm)) {
      const specifier = match[1] ?? '';
      if (!specifier.startsWith('.')) found.add(specifier);
    }
  }
  return [...found].sort();
}

describe('package boundary', () => {
  it('imports at run time only node builtins and its declared dependencies', () => {
    const declared = Object.keys(packageJson.dependencies ?? {});
    const imports = runtimeImports();
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((specifier) => !isBuiltin(specifier) && !declared.includes(specifier))).toEqual([]);
  });

  it('depends on neither twilio nor any other package of this project', () => {
    const forbidden = (name: string) => name === 'twilio' || name.startsWith('@sms-channel/');
    expect(Object.keys(packageJson.dependencies ?? {}).filter(forbidden)).toEqual([]);
    expect(runtimeImports().filter(forbidden)).toEqual([]);
  });
});
