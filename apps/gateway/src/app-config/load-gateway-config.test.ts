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

  it('opens the SQLite file of the state directory unless a database URL is given', async () => {
    const config = await loadGatewayConfig({ path: fixture('full.json5'), env: ENV });
    expect(config.store).toEqual({ kind: 'sqlite', path: `${FIXTURES_DIR}/state/store.db` });
  });

  it('resolves a PostgreSQL store from SMS_CHANNEL_DATABASE_URL', async () => {
    const config = await loadGatewayConfig({
      path: fixture('full.json5'),
      env: { ...ENV, SMS_CHANNEL_DATABASE_URL: 'postgres://sms@db.internal:5432/sms' },
    });
    expect(config.store).toMatchObject({
      kind: 'postgres',
      connectionString: 'postgres://sms@db.internal:5432/sms',
      urlSource: 'env',
    });
  });
});

describe("loadGatewayConfig with secrets: 'optional' (commands that never call Twilio)", () => {
  it('leaves an unset env secret ref unread: the accounts lack their token, with a warning, instead of failing', async () => {
    const config = await loadGatewayConfig({ path: fixture('full.json5'), env: {}, secrets: 'optional' });
    expect(config.accounts.map((a) => [a.accountId, a.authToken, a.complete, a.missing])).toEqual([
      ['main', undefined, false, ['authToken']],
      ['work', undefined, false, ['authToken']],
    ]);
    expect(config.unresolvedSecrets).toEqual([
      {
        path: ['channels', 'sms', 'authToken'],
        ref: { source: 'env', provider: 'default', id: 'FIXTURE_TWILIO_TOKEN' },
        message: expect.stringContaining('FIXTURE_TWILIO_TOKEN, which is not set'),
        accountIds: ['main', 'work'],
      },
    ]);
    const warnings = config.warnings.filter((w) => w.message.includes('FIXTURE_TWILIO_TOKEN'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ path: ['channels', 'sms', 'authToken'], severity: 'warning' });
    expect(config.accounts[0]?.warnings.map((w) => w.message)).toContainEqual(warnings[0]?.message);
  });

  it('reads the secrets it can and leaves only the unreadable one out', async () => {
    const config = await loadGatewayConfig({
      path: fixture('mixed-secrets.json5'),
      env: ENV,
      secrets: 'optional',
    });
    expect(config.accounts.map((a) => [a.accountId, a.authToken, a.complete])).toEqual([
      ['main', ENV.FIXTURE_TWILIO_TOKEN, true],
      ['work', undefined, false],
    ]);
    expect(config.unresolvedSecrets).toMatchObject([
      { path: ['channels', 'sms', 'accounts', 'work', 'authToken'], accountIds: ['work'] },
    ]);
  });

  it('resolves exactly as the required mode when every secret can be read', async () => {
    const optional = await loadGatewayConfig({ path: fixture('full.json5'), env: ENV, secrets: 'optional' });
    const required = await loadGatewayConfig({ path: fixture('full.json5'), env: ENV });
    expect(optional).toEqual({ ...required, unresolvedSecrets: [] });
  });

  it('still fails on an invalid config', async () => {
    await expect(
      loadGatewayConfig({ path: fixture('bad-app.json5'), env: {}, secrets: 'optional' }),
    ).rejects.toBeInstanceOf(ConfigValidationError);
  });
});
