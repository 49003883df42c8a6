import { mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, example } from './__fixtures__/examples.js';
import { ConfigFileNotFoundError, ConfigParseError, ConfigValidationError } from './config-error.js';
import { defaultConfigPath } from './config-file-path.js';
import { loadConfigFile } from './load-config-file.js';

const NO_ENV = {};

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sms-config-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('defaultConfigPath', () => {
  it('is ~/.sms-channel/config.json5 without SMS_CHANNEL_CONFIG', () => {
    expect(defaultConfigPath({})).toBe(join(homedir(), '.sms-channel', 'config.json5'));
  });

  it('is $SMS_CHANNEL_CONFIG when set, with ~ expanded', () => {
    expect(defaultConfigPath({ SMS_CHANNEL_CONFIG: '~/x/sms.json5' })).toBe(
      join(homedir(), 'x', 'sms.json5'),
    );
  });
});

describe('loadConfigFile', () => {
  it('reads JSON5 with comments, unquoted keys and trailing commas, every section kept', async () => {
    const loaded = await loadConfigFile(join(EXAMPLES_DIR, 'with-other-sections.json5'), { env: NO_ENV });
    expect(loaded).toEqual({
      path: join(EXAMPLES_DIR, 'with-other-sections.json5'),
      exists: true,
      config: example('with-other-sections'),
      warnings: [],
    });
  });

  it('gives the file, line and column of a syntax error', async () => {
    const path = tempFile('bad.json5', '{\n  channels: {\n    sms: { fromNumber: +1 555 }\n  }\n}\n');
    const load = loadConfigFile(path, { env: NO_ENV });
    await expect(load).rejects.toBeInstanceOf(ConfigParseError);
    await expect(load).rejects.toMatchObject({ file: path, line: 3, column: 27 });
    await expect(load).rejects.toThrow(`${path}:3:27: invalid character '5' (the config file must be JSON5)`);
  });

  it('names the file when channels.sms is invalid', async () => {
    const path = tempFile('typo.json5', "{ channels: { sms: { fromNumer: '+14155238886' } } }");
    const load = loadConfigFile(path, { env: NO_ENV });
    await expect(load).rejects.toBeInstanceOf(ConfigValidationError);
    await expect(load).rejects.toThrow(
      `Invalid configuration in ${path} (1 error):\nchannels.sms.fromNumer: unknown key`,
    );
    await expect(load).rejects.toMatchObject({ path: ['channels', 'sms', 'fromNumer'], file: path });
  });

  it('can skip validation, to let a patch repair an invalid file', async () => {
    const path = tempFile('typo.json5', "{ channels: { sms: { fromNumer: '+14155238886' } } }");
    const loaded = await loadConfigFile(path, { env: NO_ENV, validate: false });
    expect(loaded.config).toEqual({ channels: { sms: { fromNumer: '+14155238886' } } });
  });

  it('refuses a file that holds something other than an object', async () => {
    const path = tempFile('list.json5', '[1, 2]');
    await expect(loadConfigFile(path, { env: NO_ENV })).rejects.toThrow(/must hold an object/);
  });

  it('reads an empty file as an empty configuration', async () => {
    const path = tempFile('empty.json5', '\n');
    expect((await loadConfigFile(path, { env: NO_ENV })).config).toEqual({});
  });

  it('returns warnings about channels.sms', async () => {
    const path = tempFile('warn.json5', "{ channels: { sms: { fromNumber: '+15551234567' } } }");
    const { warnings } = await loadConfigFile(path, { env: NO_ENV });
    expect(warnings.map((w) => w.path)).toEqual([['channels', 'sms', 'fromNumber']]);
  });

  it('throws ConfigFileNotFoundError for a missing file given explicitly', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sms-config-')), 'nope.json5');
    await expect(loadConfigFile(path, { env: NO_ENV })).rejects.toBeInstanceOf(ConfigFileNotFoundError);
  });

  it('returns an empty configuration when the default path has no file yet', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sms-config-')), 'later.json5');
    const loaded = await loadConfigFile(undefined, { env: { SMS_CHANNEL_CONFIG: path } });
    expect(loaded).toEqual({ path, exists: false, config: {}, warnings: [] });
  });

  it('reads the file SMS_CHANNEL_CONFIG names when no path is given', async () => {
    const path = tempFile('env.json5', "{ channels: { sms: { fromNumber: '+14155238886' } } }");
    const loaded = await loadConfigFile(undefined, { env: { SMS_CHANNEL_CONFIG: path } });
    expect(loaded.config).toEqual({ channels: { sms: { fromNumber: '+14155238886' } } });
  });
});
