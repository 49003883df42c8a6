import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDriver } from '../__fixtures__/test-driver.js';
import { runGatewayStoreContract } from '../testing/index.js';
import { openStore, type SqliteGatewayStore } from './open-store.js';

runGatewayStoreContract(
  async (settings) => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-store-contract-'));
    const path = join(dir, 'store.db');
    let store: SqliteGatewayStore = await openStore(path, { ...settings, driver: testDriver });
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await openStore(path, { ...settings, driver: testDriver });
        return store;
      },
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { name: `openStore on a file, ${testDriver} driver (GatewayStore contract)` },
);

runGatewayStoreContract(
  async (settings) => {
    const store = await openStore(':memory:', { ...settings, driver: testDriver });
    return { store, cleanup: () => store.close() };
  },
  { name: `openStore(':memory:'), ${testDriver} driver (GatewayStore contract)` },
);
