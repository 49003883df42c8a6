import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const STATIC_IMPORT = /^\s*(?:import|export)\s(?:[^'"]*?\sfrom\s)?["']([^"']+)["']/gm;

/**
 * The bare specifiers (packages, `node:` modules) an ESM file loads before its first line runs: its static
 * imports and re-exports, following relative chunks. Dynamic `import()` is not followed: that is the point.
 */
export async function staticImportsOf(file: string, seen = new Set<string>()): Promise<Set<string>> {
  const found = new Set<string>();
  if (seen.has(file)) return found;
  seen.add(file);
  const text = await readFile(file, 'utf8');
  for (const match of text.matchAll(STATIC_IMPORT)) {
    const specifier = match[1] ?? '';
    if (!specifier.startsWith('.')) {
      found.add(specifier);
      continue;
    }
    for (const nested of await staticImportsOf(join(dirname(file), specifier), seen)) found.add(nested);
  }
  return found;
}
