import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importBuiltThread, requireBuiltThread } from '../__fixtures__/built-package.js';
import { testDriver } from '../__fixtures__/test-driver.js';
import { countWalCommits } from '../__fixtures__/wal-commits.js';
import { isStoreArgumentError, isStoreClosedError, isStoreCorruptError } from '../errors.js';
import { openStore } from '../sqlite/open-store.js';
import { runGatewayStoreContract } from '../testing/index.js';
import type { ThreadedGatewayStore } from './open-threaded-store.js';
import { pairingMethods, storeMethods } from './thread-protocol.js';

// The thread runs dist/store-worker.js, so the built module is the one under test (see ensure-built.ts).
const { openThreadedStore } = await importBuiltThread();

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sms-store-thread-'));
  dirs.push(dir);
  return join(dir, 'store.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

runGatewayStoreContract(
  async (settings) => {
    const path = tempFile();
    let store: ThreadedGatewayStore = await openThreadedStore(path, { ...settings, driver: testDriver });
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await openThreadedStore(path, { ...settings, driver: testDriver });
        return store;
      },
      cleanup: () => store.close(),
    };
  },
  { name: `openThreadedStore on a file, ${testDriver} driver (GatewayStore contract)` },
);

function methodsOf(object: object): string[] {
  return Object.keys(object)
    .filter((name) => typeof Reflect.get(object, name) === 'function')
    .sort();
}

describe('openThreadedStore', () => {
  it('forwards every method of the SQLite store and of its pairing store', async () => {
    const real = await openStore(':memory:', { driver: testDriver });
    const dataMethods = methodsOf(real).filter((name) => name !== 'onInboundAdmitted');
    expect([...storeMethods].sort()).toEqual(dataMethods);
    expect([...pairingMethods].sort()).toEqual(methodsOf(real.pairing));
    await real.close();
  });

  it('commits admits issued together in one transaction, as the store does on one thread', async () => {
    const path = tempFile();
    const store = await openThreadedStore(path, { driver: testDriver });
    const before = countWalCommits(path);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store.admitInbound('acct', `SM${i}`, { From: `+1555555${1000 + i}` }),
      ),
    );
    expect(results.every((result) => !result.duplicate)).toBe(true);
    expect(countWalCommits(path) - before).toBe(1);
    await store.close();
  });

  it("rejects with the store's own error, its name, code and fields intact", async () => {
    const store = await openThreadedStore(tempFile(), { driver: testDriver });
    const error = await store.admitInbound('', 'SM1', {}).catch((caught: unknown) => caught);
    expect(isStoreArgumentError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'StoreArgumentError',
      code: 'STORE_INVALID_ARGUMENT',
      argument: 'accountId',
    });
    await store.close();
  });

  it('fails to open a damaged file with StoreCorruptError naming the file', async () => {
    const path = tempFile();
    writeFileSync(path, 'this is not a SQLite database, just text that is long enough to have a header');
    const error = await openThreadedStore(path, { driver: testDriver }).catch((caught: unknown) => caught);
    expect(isStoreCorruptError(error)).toBe(true);
    expect(error).toMatchObject({ path });
  });

  it('tells the driver the thread runs on', async () => {
    const store = await openThreadedStore(':memory:', { driver: testDriver });
    expect(['better-sqlite3', 'node:sqlite']).toContain(store.driver);
    await store.close();
  });

  it('refuses calls after close with StoreClosedError', async () => {
    const store = await openThreadedStore(':memory:', { driver: testDriver });
    await store.close();
    const error = await store.countInbound().catch((caught: unknown) => caught);
    expect(isStoreClosedError(error)).toBe(true);
  });

  it('runs from the CommonJS build too, finding its worker file there', async () => {
    const { openThreadedStore: openFromCommonJs } = requireBuiltThread();
    const path = tempFile();
    const store = await openFromCommonJs(path, { driver: testDriver });
    expect(await store.admitInbound('acct', 'SM1', { From: '+15555550101' })).toEqual({ duplicate: false });
    await store.close();
    const reader = await openStore(path, { driver: testDriver });
    expect((await reader.countInbound()).pending).toBe(1);
    await reader.close();
  });
});
