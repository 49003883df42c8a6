import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountStorePath, createAccountStores } from './account-stores.js';
import { HostRuntimeMissingError } from './plugin-errors.js';

let stateDir: string;
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'sms-plugin-stores-'));
});
afterEach(() => rm(stateDir, { recursive: true, force: true }));

describe('createAccountStores', () => {
  it("keeps one store file per account under the host's state directory", () => {
    expect(accountStorePath('/state', 'work')).toBe('/state/sms-channel/accounts/work/store.db');
  });

  it('shares one open store between users and closes it when the last one releases it', async () => {
    const stores = createAccountStores({ stateDir: () => stateDir, store: { driver: 'auto' } });
    const a = await stores.acquire('default');
    const b = await stores.acquire('default');
    expect(b).toBe(a);
    expect(a.path).toBe(accountStorePath(stateDir, 'default'));
    await stores.release('default');
    await expect(a.countInbound()).resolves.toBeDefined();
    await stores.release('default');
    await expect(a.countInbound()).rejects.toThrow(/closed/);
  });

  it('opens node:sqlite by default (better-sqlite3 is not in the plugin bundle)', async () => {
    const options: unknown[] = [];
    const stores = createAccountStores({
      stateDir: () => stateDir,
      open: async (_path, opened) => {
        options.push(opened);
        throw new Error('not opening');
      },
    });
    await expect(stores.acquire('default')).rejects.toThrow('not opening');
    expect(options).toEqual([{ driver: 'node:sqlite' }]);
  });

  it('tries again after a store failed to open', async () => {
    let attempts = 0;
    const stores = createAccountStores({
      stateDir: () => {
        attempts += 1;
        if (attempts === 1) throw new HostRuntimeMissingError('test');
        return stateDir;
      },
      store: { driver: 'auto' },
    });
    await expect(stores.acquire('default')).rejects.toBeInstanceOf(HostRuntimeMissingError);
    await expect(stores.use('default', async (store) => store.countInbound())).resolves.toMatchObject({
      pending: 0,
    });
  });
});
