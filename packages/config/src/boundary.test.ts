/**
 * The package's boundary: what its bundle imports (built here from the current sources, so this never skips,
 * issue 18) and whether `src/index.ts` (the public API) and the README agree, read from the README itself
 * rather than from a list kept in this file.
 */
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltBundle, buildBundle } from './__fixtures__/build-bundle.js';
import * as api from './index.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The bare specifiers a bundle imports. */
function importsOf(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    const specifier = match[1] ?? match[2];
    if (specifier !== undefined && !specifier.startsWith('.')) found.add(specifier);
  }
  return [...found].sort();
}

/** The text of the README section under `## heading`, up to the next `## `. */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`the README has no "## ${heading}" section`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end === -1 ? undefined : end);
}

/** Every inline code span of a text. */
function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? '');
}

/** The names the README presents as API: functions called in "API" and "Errors", error classes, constants. */
function documentedApi(): { functions: string[]; classes: string[]; constants: string[] } {
  const spans = [...codeSpans(section('API')), ...codeSpans(section('Errors'))];
  const named = (pattern: RegExp) => [...new Set(spans.flatMap((span) => pattern.exec(span)?.[1] ?? []))];
  return {
    functions: named(/^([a-z][A-Za-z0-9]*)\(/),
    classes: named(/^([A-Z][A-Za-z0-9]*Error)$/),
    constants: [...new Set(codeSpans(section('API')).filter((span) => /^[A-Z][A-Z0-9_]+$/.test(span)))],
  };
}

describe('the built package', () => {
  let bundle: BuiltBundle;
  beforeAll(async () => {
    bundle = await buildBundle();
  }, 60_000);
  afterAll(() => bundle?.cleanup());

  it('imports only zod, json5, phone-policy and node builtins (no twilio, no app code)', () => {
    const imports = importsOf(bundle.read('index.js'));
    const allowed = (specifier: string) =>
      isBuiltin(specifier) || ['zod', 'json5', '@sms-channel/phone-policy'].includes(specifier);
    expect(imports.filter((specifier) => !allowed(specifier))).toEqual([]);
    expect(imports).toContain('@sms-channel/phone-policy');
  });
});

describe('the public API and its README', () => {
  const exported: Record<string, unknown> = api;

  it('finds the functions, classes and constants its README documents', () => {
    const { functions, classes, constants } = documentedApi();
    // A sanity floor, so a README reshuffle that hides the API from this parser fails loudly.
    expect(functions.length).toBeGreaterThan(10);
    expect(classes.length).toBeGreaterThan(5);
    expect(constants.length).toBeGreaterThan(3);
  });

  it('exports every function and error class the README documents, as functions', () => {
    const { functions, classes } = documentedApi();
    const missing = [...functions, ...classes].filter((name) => typeof exported[name] !== 'function');
    expect(missing).toEqual([]);
  });

  it('exports every constant the README documents', () => {
    expect(documentedApi().constants.filter((name) => exported[name] === undefined)).toEqual([]);
  });

  it('documents every export in the README', () => {
    const spans = new Set(codeSpans(README).map((span) => /^[A-Za-z_$][\w$]*\*?/.exec(span)?.[0] ?? span));
    const documented = (name: string) =>
      spans.has(name) || [...spans].some((span) => span.endsWith('*') && name.startsWith(span.slice(0, -1)));
    expect(Object.keys(api).filter((name) => !documented(name))).toEqual([]);
  });
});
