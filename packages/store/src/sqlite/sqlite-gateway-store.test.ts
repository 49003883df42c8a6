import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGatewayStoreContract } from '../testing/index.js';
import { openStore, type SqliteGatewayStore } from './open-store.js';

runGatewayStoreContract(
  async (settings) => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-store-contract-'));
    const path = join(dir, 'store.db');
    let store: SqliteGatewayStore = await openStore(path, settings);
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await openStore(path, settings);
        return store;
      },
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { name: 'openStore on a file (GatewayStore contract)' },
);

runGatewayStoreContract(
  async (settings) => {
    const store = await openStore(':memory:', settings);
    return { store, cleanup: () => store.close() };
  },
  { name: "openStore(':memory:') (GatewayStore contract)" },
);
