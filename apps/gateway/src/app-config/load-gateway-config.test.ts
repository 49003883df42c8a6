import { fileURLToPath } from 'node:url';
import { ConfigFileNotFoundError, ConfigValidationError, SecretRefError } from '@sms-channel/config';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './load-gateway-config.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
const FIXTURES_DIR = fileURLToPath(new URL('./__fixtures__', import.meta.url));
const ENV = { FIXTURE_TWILIO_TOKEN: 'f4cec0def4cec0def4cec0def4cec0de' };

describe('loadGatewayConfig', () => {
  it('resolves every account, the default account and the app sections of one file', async () => {
    const config = await loadGatewayConfig({ path: fixture('full.json5'), env: ENV });
    expect(
      config.accounts.map((account) => [account.accountId, account.fromNumber, account.complete]),
    ).toEqual([
      ['main', '+12025550100', true],
      ['work', '+12025550101', true],
    ]);
    expect(config.defaultAccountId).toBe('main');
    expect(config.app.agent).toMatchObject({ kind: 'command', command: 'cat' });
    expect(config.app.gateway).toMatchObject({ port: 0, workers: 2 });
  });

  it('puts the state directory next to the config file when it is relative', async () => {
    const config = await loadGatewayConfig({ path: fixture('full.json5'), env: ENV });
    expect(config.stateDir).toBe(`${FIXTURES_DIR}/state`);
    expect(config.storePath).toBe(`${FIXTURES_DIR}/state/store.db`);
  });

  it('throws ConfigValidationError naming the bad app key and the file', async () => {
    const error = await loadGatewayConfig({ path: fixture('bad-app.json5'), env: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).path).toEqual(['gateway', 'workerz']);
    expect((error as Error).message).toContain('did you mean "workers"?');
    expect((error as Error).message).toContain('bad-app.json5');
  });

  it('throws SecretRefError when an enabled account needs an env var that is not set', async () => {
    await expect(loadGatewayConfig({ path: fixture('full.json5'), env: {} })).rejects.toBeInstanceOf(
      SecretRefError,
    );
  });

  it('throws ConfigFileNotFoundError for an explicit path that does not exist', async () => {
    await expect(loadGatewayConfig({ path: fixture('missing.json5'), env: {} })).rejects.toBeInstanceOf(
      ConfigFileNotFoundError,
    );
  });

  it('reads an env-only setup when the default file does not exist', async () => {
    const config = await loadGatewayConfig({
      env: {
        SMS_CHANNEL_CONFIG: fixture('none.json5'),
        TWILIO_ACCOUNT_SID: 'AC5a4db0c05a4db0c05a4db0c05a4db0c0',
        TWILIO_AUTH_TOKEN: 'secret',
        TWILIO_PHONE_NUMBER: '+12025550100',
        SMS_CHANNEL_STATE_DIR: '/tmp/sms-state',
      },
    });
    expect(config.exists).toBe(false);
    expect(config.accounts[0]).toMatchObject({ accountId: 'default', complete: true });
    expect(config.stateDir).toBe('/tmp/sms-state');
  });
});
