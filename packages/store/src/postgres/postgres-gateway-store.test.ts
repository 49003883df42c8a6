import { afterAll } from 'vitest';
import {
  closeAdminClient,
  dropSchema,
  emptySchema,
  freshSchema,
  openTestStore,
} from '../__fixtures__/postgres.js';
import { runGatewayStoreContract } from '../testing/index.js';
import type { PostgresGatewayStore } from './open-postgres-store.js';

// One schema for the file, emptied before each test: a migrated, empty store without a migration per test.
const schema = freshSchema();

afterAll(async () => {
  await closeAdminClient();
  await dropSchema(schema);
});

runGatewayStoreContract(
  async (settings) => {
    await emptySchema(schema);
    let store: PostgresGatewayStore = await openTestStore(schema, settings);
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await openTestStore(schema, settings);
        return store;
      },
      cleanup: () => store.close(),
    };
  },
  { name: 'openPostgresStore (GatewayStore contract)' },
);
