/**
 * What the gateway (`dist/start-gateway.js`, which the CLI's `gateway` command loads) loads before its first
 * line runs. Built here with tsup the way `tsup.config.ts` builds it (into a private folder: turbo may run
 * `build` beside `test`, and `build` cleans dist).
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticImportsOf } from './cli/__fixtures__/static-imports.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(packageDir, 'node_modules', '.cache', `index-boundary-${randomBytes(4).toString('hex')}`);
let imports: Set<string>;

beforeAll(async () => {
  await build({
    entry: { index: join(packageDir, 'src', 'runtime', 'start-gateway.ts') },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    outDir,
    config: false,
    dts: false,
    splitting: true,
    silent: true,
    tsconfig: join(packageDir, 'tsconfig.json'),
  });
  imports = await staticImportsOf(join(outDir, 'index.js'));
});
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('gateway entry boundary', () => {
  it('never loads the sandbox, a browser driver or test tools', () => {
    const forbidden = [...imports].filter((name) => /sandbox|playwright|vitest|fast-check|tsx/.test(name));
    expect(forbidden).toEqual([]);
  });

  it('never imports the twilio SDK itself (@sms-channel/twilio-messaging owns it) nor the markdown stack at start', () => {
    expect([...imports].filter((name) => name === 'twilio' || name.startsWith('twilio/'))).toEqual([]);
    expect(imports.has('@sms-channel/sms-text')).toBe(false);
  });

  it('statically imports only its declared dependencies and node built-ins', async () => {
    const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const declared = new Set(Object.keys(manifest.dependencies));
    const packageName = (name: string) =>
      name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0];
    const undeclared = [...imports].filter(
      (name) => !name.startsWith('node:') && !declared.has(packageName(name) ?? '') && !isBuiltin(name),
    );
    expect(undeclared).toEqual([]);
  });
});

function isBuiltin(name: string): boolean {
  return builtinModules.includes(name);
}
