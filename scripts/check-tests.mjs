#!/usr/bin/env node
// Every test can fail (issue 18): no test file holds `.only`, `.todo`, an unconditional `.skip`, a `skipIf` /
// `runIf` (which skip without saying why), a `context.skip()` without a reason, or a test whose body starts
// with `return`. A test that cannot run here calls `context.skip('why')` (vitest prints the reason) or fails.
// Usage: node scripts/check-tests.mjs [root]   (exit 1 and one line per finding when anything is found)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.argv[2] ?? join(import.meta.dirname, '..');
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'dist-plugin', '.git', '.turbo', '.cache', 'coverage']);

/** Test files, and the shared suites they run (contract suites under `testing/` are tests too). */
function* testSources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* testSources(join(dir, entry.name));
    } else if (
      /\.test\.(ts|mts|js|mjs)$/.test(entry.name) ||
      /[/\\]testing[/\\].*\.ts$/.test(join(dir, entry.name))
    ) {
      yield join(dir, entry.name);
    }
  }
}

const RULES = [
  [/\b(?:it|test|describe|suite|bench)\.only\b/, '.only runs this test alone and silently drops the others'],
  [/\b(?:it|test|describe|suite)\.todo\b/, '.todo is a test that cannot fail'],
  [/\b(?:it|test|describe|suite)\.skip\s*\(/, 'an unconditional .skip never runs'],
  [
    /\b(?:it|test|describe|suite)\.(?:skipIf|runIf)\s*\(/,
    'skipIf/runIf skip without a reason: call context.skip("why") in the test',
  ],
  [/\b(?:context|ctx|t)\.skip\(\s*\)/, 'context.skip() without a reason: say why (context.skip("why"))'],
  [
    /\b(?:it|test)\s*\(\s*(['"`]).*?\1\s*,\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*=>\s*\{\s*return\b/,
    'the test returns before it asserts anything',
  ],
];

const findings = [];
for (const file of testSources(root)) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (/^\s*(\/\/|\*)/.test(line)) return;
    for (const [pattern, why] of RULES) {
      if (pattern.test(line)) findings.push(`${relative(root, file)}:${index + 1}: ${why}`);
    }
  });
}
// Every package that runs `vitest run` bounds a stuck test generously in its vitest.config.ts (vitest's own 5 s
// default fails sound tests on a loaded CI machine: issue 18; the sms-text property tests once did).
for (const group of ['packages', 'apps']) {
  let names = [];
  try {
    names = readdirSync(join(root, group));
  } catch {
    continue;
  }
  for (const name of names) {
    const dir = join(root, group, name);
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (!/\bvitest run\b/.test(manifest.scripts?.test ?? '')) continue;
    let config = '';
    try {
      config = readFileSync(join(dir, 'vitest.config.ts'), 'utf8');
    } catch {
      findings.push(
        `${relative(root, dir)}: no vitest.config.ts, so every test runs under vitest's 5 s default timeout`,
      );
      continue;
    }
    const bounds = [...config.matchAll(/testTimeout:\s*([\d_]+)/g)].map((m) =>
      Number(m[1].replaceAll('_', '')),
    );
    if (bounds.length === 0 || bounds.some((ms) => ms < 30_000)) {
      findings.push(
        `${relative(root, dir)}/vitest.config.ts: set testTimeout of at least 30_000 (a stuck-bound, not a speed test)`,
      );
    }
  }
}
for (const finding of findings) console.error(finding);
if (findings.length > 0) {
  console.error(`check-tests: ${findings.length} test(s) that cannot fail or do not say why they skip`);
  process.exit(1);
}
console.log('check-tests: every test can run and fail');
