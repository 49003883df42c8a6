import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentConfigError } from './agent-error.js';
import { resolveApiKey } from './resolve-api-key.js';

describe('resolveApiKey', () => {
  it('returns a plain string as is', () => {
    expect(resolveApiKey('sk-1')).toBe('sk-1');
  });

  it('reads an env secret ref', () => {
    expect(resolveApiKey({ source: 'env', id: 'KEY' }, { env: { KEY: 'sk-env' } })).toBe('sk-env');
  });

  it('reads a file secret ref relative to baseDir, without the trailing newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-key-'));
    writeFileSync(join(dir, 'key.txt'), 'sk-file\n');
    expect(resolveApiKey({ source: 'file', id: 'key.txt' }, { baseDir: dir })).toBe('sk-file');
  });

  it('names the missing env var and the key, as an AgentConfigError', () => {
    const error = (() => {
      try {
        resolveApiKey({ source: 'env', id: 'NOPE' }, { env: {} });
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AgentConfigError);
    expect((error as Error).message).toMatch(/agent\.apiKey/);
    expect((error as Error).message).toMatch(/NOPE, which is not set/);
  });

  it('refuses a named provider with the words config validation uses', () => {
    expect(() =>
      resolveApiKey({ source: 'env', provider: 'vault', id: 'KEY' } as never, { env: { KEY: 'x' } }),
    ).toThrow(/provider/);
  });
});
