import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { writeConfigFile } from './write-config-file.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sms-config-'));
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('writeConfigFile', () => {
  it('writes JSON5-readable text with mode 0600', async () => {
    const path = join(tempDir(), 'config.json5');
    await writeConfigFile(path, { channels: { sms: { textChunkLimit: 600 } } });
    expect(JSON5.parse(readFileSync(path, 'utf8'))).toEqual({ channels: { sms: { textChunkLimit: 600 } } });
    expect(mode(path)).toBe(0o600);
  });

  it('creates the directory when it does not exist', async () => {
    const path = join(tempDir(), 'nested', 'dir', 'config.json5');
    await writeConfigFile(path, {});
    expect(readFileSync(path, 'utf8')).toBe('{}\n');
  });

  it('keeps the previous version as .bak with mode 0600', async () => {
    const path = join(tempDir(), 'config.json5');
    writeFileSync(path, '{ old: true }');
    chmodSync(path, 0o644);
    await writeConfigFile(path, { fresh: true });
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('{ old: true }');
    expect(mode(`${path}.bak`)).toBe(0o600);
    expect(mode(path)).toBe(0o600);
  });

  it('leaves no temp file behind', async () => {
    const dir = tempDir();
    await writeConfigFile(join(dir, 'config.json5'), { a: 1 });
    await writeConfigFile(join(dir, 'config.json5'), { a: 2 });
    expect(readdirSync(dir).sort()).toEqual(['config.json5', 'config.json5.bak']);
  });

  it('replaces the file a symlink points to and keeps the link', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real.json5'), '{}');
    symlinkSync(join(dir, 'real.json5'), join(dir, 'link.json5'));
    await writeConfigFile(join(dir, 'link.json5'), { via: 'link' });
    expect(JSON.parse(readFileSync(join(dir, 'real.json5'), 'utf8'))).toEqual({ via: 'link' });
    expect(readdirSync(dir).sort()).toEqual(['link.json5', 'real.json5', 'real.json5.bak']);
  });

  it('writes no .bak when backup is off', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json5'), '{}');
    await writeConfigFile(join(dir, 'config.json5'), { a: 1 }, { backup: false });
    expect(readdirSync(dir)).toEqual(['config.json5']);
  });

  it('throws ConfigFileError naming the file when it cannot be written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-dir'), '');
    const path = join(dir, 'not-a-dir', 'config.json5');
    await expect(writeConfigFile(path, {})).rejects.toMatchObject({
      name: 'ConfigFileError',
      code: 'CONFIG_IO',
      file: path,
    });
    expect(readdirSync(dir)).toEqual(['not-a-dir']);
  });

  it('removes its temp file when the final rename fails', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'config.json5'));
    await expect(writeConfigFile(join(dir, 'config.json5'), {}, { backup: false })).rejects.toMatchObject({
      name: 'ConfigFileError',
    });
    expect(readdirSync(dir)).toEqual(['config.json5']);
  });
});
