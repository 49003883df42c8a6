import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStateDir, storeFilePath } from './state-dir.js';

describe('resolveStateDir', () => {
  it('resolves a relative gateway.stateDir against the config file directory', () => {
    expect(resolveStateDir('state', { baseDir: '/etc/sms', env: {} })).toBe('/etc/sms/state');
  });

  it('uses SMS_CHANNEL_STATE_DIR when the config sets none', () => {
    expect(resolveStateDir(undefined, { env: { SMS_CHANNEL_STATE_DIR: '/var/lib/sms' } })).toBe(
      '/var/lib/sms',
    );
  });

  it('falls back to ~/.sms-channel/state', () => {
    expect(resolveStateDir(undefined, { env: {} })).toBe(join(homedir(), '.sms-channel', 'state'));
  });

  it('puts the store file inside the state directory', () => {
    expect(storeFilePath('/s')).toBe('/s/store.db');
  });
});
