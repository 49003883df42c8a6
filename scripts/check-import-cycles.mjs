#!/usr/bin/env node
// No import cycles inside a package, type-only imports included (issue 12): a cycle makes the order modules load
// in matter and hides which concept depends on which. madge reads each package's sources with its tsconfig.
// Usage: node scripts/check-import-cycles.mjs   (exit 1, listing each cycle, when one is found)
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import madge from 'madge';

const root = join(import.meta.dirname, '..');
const packages = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group)).map((name) => join(root, group, name)),
);
let cycles = 0;
for (const dir of packages.filter((path) => existsSync(join(path, 'src')))) {
  const graph = await madge(join(dir, 'src'), {
    fileExtensions: ['ts'],
    tsConfig: join(dir, 'tsconfig.json'),
    detectiveOptions: { ts: { skipTypeImports: false }, es6: { skipTypeImports: false } },
  });
  for (const cycle of graph.circular()) {
    cycles += 1;
    console.error(`${dir.slice(root.length + 1)}: ${cycle.join(' > ')}`);
  }
}
if (cycles > 0) {
  console.error(`check-import-cycles: ${cycles} import cycle(s)`);
  process.exit(1);
}
console.log(`check-import-cycles: no import cycle in ${packages.length} packages`);
