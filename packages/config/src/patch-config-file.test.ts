import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { FROM, OWNER, smsConfig } from './__fixtures__/examples.js';
import { ConfigValidationError } from './config-error.js';
import { patchConfigFile } from './patch-config-file.js';

const ORIGINAL = "// mine\n{ channels: { sms: { fromNumber: '+14155238886' } } }\n";

function configFile(): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sms-config-'));
  const path = join(dir, 'config.json5');
  writeFileSync(path, ORIGINAL, { mode: 0o600 });
  return { dir, path };
}

describe('patchConfigFile', () => {
  it('writes nothing on a dry run but reports the diff', async () => {
    const { dir, path } = configFile();
    const result = await patchConfigFile(path, smsConfig({ defaultTo: OWNER }), { dryRun: true, env: {} });
    expect(result.written).toBe(false);
    expect(result.diff.text).toBe(`+ channels.sms.defaultTo = "${OWNER}"`);
    expect(readFileSync(path, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(dir)).toEqual(['config.json5']);
  });

  it('writes the patched configuration with a .bak of the original', async () => {
    const { path } = configFile();
    const result = await patchConfigFile(path, smsConfig({ defaultTo: OWNER }), { env: {} });
    expect(result.written).toBe(true);
    expect(JSON5.parse(readFileSync(path, 'utf8'))).toEqual(
      smsConfig({ fromNumber: FROM, defaultTo: OWNER }),
    );
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe(ORIGINAL);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('does not rewrite the file when the patch changes nothing', async () => {
    const { dir, path } = configFile();
    const result = await patchConfigFile(path, smsConfig({ fromNumber: FROM }), { env: {} });
    expect(result).toMatchObject({ written: false, diff: { changes: [], text: '(no changes)' } });
    expect(readdirSync(dir)).toEqual(['config.json5']);
  });

  it('repairs an invalid file when the patch fixes it', async () => {
    const { path } = configFile();
    writeFileSync(path, "{ channels: { sms: { fromNumer: '+14155238886' } } }");
    const result = await patchConfigFile(path, smsConfig({ fromNumer: null, fromNumber: FROM }), { env: {} });
    expect(result.config).toEqual(smsConfig({ fromNumber: FROM }));
  });

  it('refuses an invalid result and leaves the file alone', async () => {
    const { dir, path } = configFile();
    await expect(
      patchConfigFile(path, smsConfig({ webhookPath: 'no-slash' }), { env: {} }),
    ).rejects.toBeInstanceOf(ConfigValidationError);
    expect(readFileSync(path, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(dir)).toEqual(['config.json5']);
  });

  it('creates the default config file when it does not exist yet', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sms-config-')), 'new', 'config.json5');
    const result = await patchConfigFile(undefined, smsConfig({ fromNumber: FROM }), {
      env: { SMS_CHANNEL_CONFIG: path },
    });
    expect(result).toMatchObject({ path, written: true });
    expect(JSON5.parse(readFileSync(path, 'utf8'))).toEqual(smsConfig({ fromNumber: FROM }));
  });
});
