import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * The library's run-time imports, read from its sources (no build needed): node built-ins and its declared
 * dependencies only. `twilio` is imported lazily (`import('twilio')`) so that a process that never calls the
 * REST API never loads the SDK; a static import would load it with the package.
 */
const sourceDir = new URL('./', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
};

function sources(): { name: string; code: string }[] {
  return readdirSync(sourceDir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => ({ name, code: readFileSync(new URL(name, sourceDir), 'utf8') }));
}

function staticImports(code: string): string[] {
  return [...code.matchAll(/^import (?!type\b)[^'"]*?['"]([^'"]+)['"]/gm)].map((match) => match[1] ?? '');
}

describe('package boundary', () => {
  it('imports at run time only node built-ins and its declared dependencies', () => {
    const declared = Object.keys(packageJson.dependencies ?? {});
    const foreign = sources()
      .flatMap(({ code }) => staticImports(code))
      .filter((specifier) => !specifier.startsWith('.') && !isBuiltin(specifier))
      .filter((specifier) => !declared.includes(specifier.split('/').slice(0, 1).join('/')));
    expect(foreign).toEqual([]);
  });

  it('never imports twilio statically: only the REST client loads it, on first use', () => {
    const offenders = sources()
      .filter(({ code }) => staticImports(code).some((specifier) => specifier.startsWith('twilio')))
      .map(({ name }) => name);
    expect(offenders).toEqual([]);
    expect(sources().find(({ name }) => name === 'create-twilio-client.ts')?.code).toContain(
      "import('twilio')",
    );
  });

  it('depends on no other package of this project', () => {
    expect(
      Object.keys(packageJson.dependencies ?? {}).filter((name) => name.startsWith('@sms-channel/')),
    ).toEqual([]);
  });
});
