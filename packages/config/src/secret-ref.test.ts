import { mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretRefError } from './config-error.js';
import { resolveSecretRef } from './secret-ref.js';

const PATH = ['channels', 'sms', 'authToken'];

function secretFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sms-secret-'));
  writeFileSync(join(dir, 'token'), text, { mode: 0o600 });
  return join(dir, 'token');
}

describe('resolveSecretRef', () => {
  it('reads an env ref', () => {
    expect(resolveSecretRef({ source: 'env', id: 'T' }, PATH, { env: { T: 'v' } })).toEqual({
      value: 'v',
      warnings: [],
    });
  });

  it('refuses an env ref whose variable is empty', () => {
    expect(() => resolveSecretRef({ source: 'env', id: 'T' }, PATH, { env: { T: '' } })).toThrow(
      /T, which is empty/,
    );
  });

  it('trims the trailing newline (LF or CRLF) of a file, and nothing else', () => {
    const file = secretFile(' tok en \r\n');
    expect(resolveSecretRef({ source: 'file', id: file }, PATH, { env: {} }).value).toBe(' tok en ');
  });

  it('reads a file ref starting with ~/ from the home directory', () => {
    const id = `~/.sms-channel-test-no-such-secret-${process.pid}`;
    const expected = join(homedir(), id.slice(2));
    expect(() => resolveSecretRef({ source: 'file', id }, PATH, { env: {} })).toThrow(
      `points to ${expected}, which does not exist`,
    );
  });

  it('refuses an empty secret file', () => {
    const file = secretFile('\n');
    expect(() => resolveSecretRef({ source: 'file', id: file }, PATH, { env: {} })).toThrow(/which is empty/);
  });

  it('says which ref failed and where it is written', () => {
    try {
      resolveSecretRef({ source: 'env', provider: 'default', id: 'MISSING' }, PATH, { env: {} });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SecretRefError);
      expect(error).toMatchObject({
        code: 'SECRET_UNRESOLVED',
        path: PATH,
        ref: { source: 'env', provider: 'default', id: 'MISSING' },
      });
      expect((error as Error).message).toBe(
        'channels.sms.authToken: secret ref { source: "env", provider: "default", id: "MISSING" } needs environment variable MISSING, which is not set',
      );
    }
  });
});
