import { join } from 'node:path';
import { type OpenStoreOptions, openStore, type SqliteGatewayStore } from '@sms-channel/store';

/** Where the plugin keeps its stores inside the host's state directory. */
export const PLUGIN_STATE_SUBDIR = 'sms-channel';

/** The store file of an account (the standalone gateway names its one store file the same). */
export const STORE_FILE_NAME = 'store.db';

/**
 * One store file per account: `<stateDir>/sms-channel/accounts/<accountId>/store.db`. The store's queue hands
 * out any account's messages, and each account's worker must only run its own turns (inside its own account
 * task, which the host stops and restarts on its own), so accounts do not share a queue. Account ids are
 * `[A-Za-z0-9_-]{1,64}` (the config package checks), safe as a directory name.
 */
export function accountStorePath(stateDir: string, accountId: string): string {
  return join(stateDir, PLUGIN_STATE_SUBDIR, 'accounts', accountId, STORE_FILE_NAME);
}

export interface AccountStoresOptions {
  /** The host's state directory (`runtime.state.resolveStateDir()`), asked when a store is first opened. */
  stateDir: () => string;
  /**
   * Store options. The host runs plugins on Node 24 and never installs a local plugin's dependencies, so the
   * plugin uses Node's built-in SQLite; better-sqlite3 is neither bundled nor loaded.
   * @default { driver: 'node:sqlite' }
   */
  store?: OpenStoreOptions;
  /** @default openStore */
  open?: typeof openStore;
}

/** Shared, reference-counted stores: the account's worker and a `sendText` in the same process share one. */
export interface AccountStores {
  /** Opens the account's store on first use; every `acquire` needs a `release`. */
  acquire(accountId: string): Promise<SqliteGatewayStore>;
  /** Closes the store when its last user releases it. */
  release(accountId: string): Promise<void>;
  /** Runs `work` with the account's store, released afterwards. */
  use<T>(accountId: string, work: (store: SqliteGatewayStore) => Promise<T>): Promise<T>;
}

interface Entry {
  users: number;
  store: Promise<SqliteGatewayStore>;
}

export function createAccountStores(options: AccountStoresOptions): AccountStores {
  const open = options.open ?? openStore;
  const storeOptions: OpenStoreOptions = { driver: 'node:sqlite', ...options.store };
  const entries = new Map<string, Entry>();

  const acquire = async (accountId: string): Promise<SqliteGatewayStore> => {
    let entry = entries.get(accountId);
    if (entry === undefined) {
      const store = open(accountStorePath(options.stateDir(), accountId), storeOptions);
      entry = { users: 0, store };
      entries.set(accountId, entry);
      // A store that failed to open is forgotten, so the next caller tries again.
      store.catch(() => {
        if (entries.get(accountId) === entry) entries.delete(accountId);
      });
    }
    entry.users += 1;
    try {
      return await entry.store;
    } catch (error) {
      entry.users -= 1;
      throw error;
    }
  };

  const release = async (accountId: string): Promise<void> => {
    const entry = entries.get(accountId);
    if (entry === undefined) return;
    entry.users -= 1;
    if (entry.users > 0) return;
    entries.delete(accountId);
    await (await entry.store).close();
  };

  return {
    acquire,
    release,
    use: async (accountId, work) => {
      const store = await acquire(accountId);
      try {
        return await work(store);
      } finally {
        await release(accountId);
      }
    },
  };
}
