import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Every bare module a source file pulls in, following its relative imports and re-exports (type-only ones excluded). */
function runtimeImports(entry: string): Set<string> {
  const bare = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)';/gms)) {
      const [, typeOnly, specifier = ''] = match;
      if (typeOnly) continue;
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else bare.add(specifier);
    }
  };
  visit(join(here, entry));
  return bare;
}

describe('what the sandbox pulls in at run time', () => {
  // twilio-messaging holds the one table of Twilio's error codes; it loads the twilio SDK only for REST calls,
  // which the sandbox never makes (its boundary test checks that it never imports the SDK statically).
  it('the library entry uses only Node, our four libraries, and never twilio, playwright or the gateway', () => {
    expect([...runtimeImports('index.ts')].sort()).toEqual([
      '@sms-channel/phone-policy',
      '@sms-channel/sms-text',
      '@sms-channel/twilio-messaging',
      '@sms-channel/twilio-signature',
      'node:crypto',
      'node:fs/promises',
      'node:http',
    ]);
  });

  it('the testing entry imports nothing at all (not even Playwright)', () => {
    expect([...runtimeImports('testing.ts')]).toEqual([]);
  });

  it('the command adds only commander', () => {
    const extra = [...runtimeImports('cli.ts')].filter((name) => !runtimeImports('index.ts').has(name));
    expect(extra).toEqual(['commander']);
  });
});
