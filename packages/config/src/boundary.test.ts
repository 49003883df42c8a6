import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** The bare specifiers the built entry imports (run `build` first; the turbo pipeline does). */
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

describe('the built package', () => {
  it('imports only zod, json5, phone-policy and node builtins (no twilio, no app code)', () => {
    const imports = importsOf(readFileSync(DIST, 'utf8'));
    const allowed = (specifier: string) =>
      isBuiltin(specifier) || ['zod', 'json5', '@sms-channel/phone-policy'].includes(specifier);
    expect(imports.filter((specifier) => !allowed(specifier))).toEqual([]);
    expect(imports).toContain('@sms-channel/phone-policy');
  });

  it('exports every function the README documents', async () => {
    const api: Record<string, unknown> = await import(DIST);
    const documented = [
      'validateConfig',
      'resolveSmsAccounts',
      'resolveSmsAccount',
      'loadConfigFile',
      'defaultConfigPath',
      'applyConfigPatch',
      'patchConfigFile',
      'writeConfigFile',
      'diffConfig',
      'redactConfig',
      'redactSecret',
      'smsChannelJsonSchema',
      'toConfigIssues',
      'formatConfigPath',
      'formatConfigIssues',
    ];
    expect(documented.filter((name) => typeof api[name] !== 'function')).toEqual([]);
    for (const error of ['ConfigError', 'ConfigValidationError', 'ConfigParseError', 'SecretRefError']) {
      expect(typeof api[error]).toBe('function');
    }
  });
});
