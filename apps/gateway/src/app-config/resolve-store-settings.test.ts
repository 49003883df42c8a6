import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatConfigIssues, isConfigValidationError, isSecretRefError } from '@sms-channel/config';
import { describe, expect, it } from 'vitest';
import { resolveStoreSettings } from './resolve-store-settings.js';
import { type StoreSection, storeConfigSchema } from './store-config-schema.js';

const SQLITE = '/var/lib/sms-channel/store.db';

function resolve(section: Record<string, unknown>, env: Record<string, string> = {}) {
  return resolveStoreSettings(storeConfigSchema.parse(section) as StoreSection, {
    env,
    baseDir: '/etc/sms-channel',
    sqlitePath: SQLITE,
  });
}

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('resolveStoreSettings', () => {
  it('chooses the SQLite file under the state directory when no URL is given anywhere', () => {
    expect(resolve({})).toEqual({ settings: { kind: 'sqlite', path: SQLITE }, warnings: [] });
  });

  it('chooses PostgreSQL from gateway.store.url with the pool defaults', () => {
    expect(resolve({ url: 'postgres://sms@db.internal:5432/sms' }).settings).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://sms@db.internal:5432/sms',
      urlSource: 'config',
      poolSize: 10,
      schema: 'sms_channel',
      connectTimeoutMs: 10_000,
    });
  });

  it('takes the URL from SMS_CHANNEL_DATABASE_URL when the config gives none', () => {
    const { settings } = resolve({ poolSize: 4 }, { SMS_CHANNEL_DATABASE_URL: 'postgresql://sms@db/sms' });
    expect(settings).toMatchObject({
      kind: 'postgres',
      connectionString: 'postgresql://sms@db/sms',
      urlSource: 'env',
      poolSize: 4,
    });
  });

  it('prefers the config file URL to the env var', () => {
    const { settings } = resolve(
      { url: 'postgres://sms@from-config/sms' },
      { SMS_CHANNEL_DATABASE_URL: 'postgres://sms@from-env/sms' },
    );
    expect(settings).toMatchObject({
      connectionString: 'postgres://sms@from-config/sms',
      urlSource: 'config',
    });
  });

  it('keeps SQLite when kind is "sqlite", whatever the env var says', () => {
    const { settings } = resolve({ kind: 'sqlite' }, { SMS_CHANNEL_DATABASE_URL: 'postgres://sms@db/sms' });
    expect(settings).toEqual({ kind: 'sqlite', path: SQLITE });
  });

  it('refuses kind "postgres" without a URL, naming both places a URL can come from', () => {
    const error = failure(() => resolve({ kind: 'postgres' }));
    expect(isConfigValidationError(error)).toBe(true);
    expect(error.message).toContain('gateway.store.kind: kind "postgres" needs a URL');
    expect(error.message).toContain('SMS_CHANNEL_DATABASE_URL');
  });

  it('refuses a URL together with kind "sqlite"', () => {
    const error = failure(() => resolve({ kind: 'sqlite', url: 'postgres://sms@db/sms' }));
    expect(error.message).toContain('gateway.store.url: url is for kind "postgres"');
  });

  it('refuses an env URL that is not PostgreSQL, naming the variable', () => {
    const error = failure(() => resolve({}, { SMS_CHANNEL_DATABASE_URL: 'mysql://sms@db/sms' }));
    expect(isConfigValidationError(error)).toBe(true);
    expect(error.message).toContain(
      '$env.SMS_CHANNEL_DATABASE_URL: SMS_CHANNEL_DATABASE_URL must be a postgres://',
    );
  });

  it('resolves a password given as an env secret ref', () => {
    const { settings } = resolve(
      { url: 'postgres://sms@db/sms', password: { source: 'env', id: 'DB_PASSWORD' } },
      { DB_PASSWORD: 's3cret' },
    );
    expect(settings).toMatchObject({ kind: 'postgres', password: 's3cret' });
  });

  it('resolves a password given as a file secret ref, without its trailing newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-store-secret-'));
    const file = join(dir, 'db-password');
    writeFileSync(file, 'from-a-file\n');
    chmodSync(file, 0o600);
    const { settings, warnings } = resolve({
      url: 'postgres://sms@db/sms',
      password: { source: 'file', id: file },
    });
    expect(settings).toMatchObject({ password: 'from-a-file' });
    expect(warnings).toEqual([]);
  });

  it('fails with SecretRefError naming gateway.store.password when its env var is unset', () => {
    const error = failure(() =>
      resolve({ url: 'postgres://sms@db/sms', password: { source: 'env', id: 'DB_PASSWORD' } }),
    );
    expect(isSecretRefError(error)).toBe(true);
    expect((error as Error & { path: unknown }).path).toEqual(['gateway', 'store', 'password']);
    expect(error.message).toContain('DB_PASSWORD');
  });

  it('leaves an unreadable password ref for later, with a warning, when secrets are optional', () => {
    const resolved = resolveStoreSettings(
      storeConfigSchema.parse({
        url: 'postgres://sms@db/sms',
        password: { source: 'env', id: 'DB_PASSWORD' },
      }),
      { env: {}, baseDir: '/', sqlitePath: SQLITE, secrets: 'optional' },
    );
    expect(resolved.settings).toMatchObject({ kind: 'postgres' });
    expect(resolved.settings.kind === 'postgres' && isSecretRefError(resolved.settings.unreadPassword)).toBe(
      true,
    );
    expect(formatConfigIssues(resolved.warnings)).toBe(
      'gateway.store.password (warning): secret ref { source: "env", provider: "default", id: "DB_PASSWORD" } needs environment variable DB_PASSWORD, which is not set; not read (opening the store needs it)',
    );
  });

  it('warns when the config file URL carries the password itself', () => {
    const { warnings } = resolve({ url: 'postgres://sms:hunter2@db/sms' });
    expect(formatConfigIssues(warnings)).toMatch(/^gateway\.store\.url \(warning\): holds a password/);
    expect(formatConfigIssues(warnings)).not.toContain('hunter2');
  });

  it('does not warn about a password in the env URL (that is where such URLs live)', () => {
    expect(resolve({}, { SMS_CHANNEL_DATABASE_URL: 'postgres://sms:pw@db/sms' }).warnings).toEqual([]);
  });

  it('accepts a unix-socket URL without a host when no separate password is given', () => {
    const { settings } = resolve({ url: 'postgres://sms@/sms?host=/run/postgresql' });
    expect(settings).toMatchObject({
      kind: 'postgres',
      connectionString: 'postgres://sms@/sms?host=/run/postgresql',
    });
  });

  it('refuses a separate password with a unix-socket URL, which cannot carry it', () => {
    const error = failure(() => resolve({ url: 'postgres://sms@/sms?host=/run/postgresql', password: 'pw' }));
    expect(error.message).toContain('gateway.store.password: a unix-socket URL without a host cannot carry');
  });
});
