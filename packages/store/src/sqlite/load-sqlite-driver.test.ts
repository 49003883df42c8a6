import { describe, expect, it } from 'vitest';
import { type SqliteDriverLoaders, selectSqliteDriver } from './load-sqlite-driver.js';
import type { SqliteDriver, SqliteDriverName } from './sqlite-driver.js';

/** A driver that only tells its name: selection never opens anything. */
function fakeDriver(name: SqliteDriverName): SqliteDriver {
  return {
    name,
    open() {
      throw new Error('not used by selection');
    },
  };
}

const loads = (name: SqliteDriverName) => async () => fakeDriver(name);
const fails = (reason: string) => async (): Promise<SqliteDriver> => {
  throw new Error(reason);
};

const bothLoad: SqliteDriverLoaders = {
  'better-sqlite3': loads('better-sqlite3'),
  'node:sqlite': loads('node:sqlite'),
};

describe('choosing the SQLite driver', () => {
  it("prefers better-sqlite3 for 'auto' when it loads", async () => {
    expect((await selectSqliteDriver('auto', bothLoad)).name).toBe('better-sqlite3');
  });

  it("falls back to node:sqlite for 'auto' when better-sqlite3 does not load", async () => {
    const loaders = { ...bothLoad, 'better-sqlite3': fails('was compiled against NODE_MODULE_VERSION 115') };
    expect((await selectSqliteDriver('auto', loaders)).name).toBe('node:sqlite');
  });

  it('uses the driver it is given by name, even when the other would load', async () => {
    expect((await selectSqliteDriver('node:sqlite', bothLoad)).name).toBe('node:sqlite');
    expect((await selectSqliteDriver('better-sqlite3', bothLoad)).name).toBe('better-sqlite3');
  });

  it('never falls back from a driver given by name', async () => {
    const loaders = { ...bothLoad, 'better-sqlite3': fails('Cannot find package better-sqlite3') };
    await expect(selectSqliteDriver('better-sqlite3', loaders)).rejects.toThrow(
      'no usable SQLite driver (better-sqlite3: Cannot find package better-sqlite3)',
    );
  });

  it("names both drivers and each reason, on one line, when neither loads for 'auto'", async () => {
    const loaders = {
      'better-sqlite3': fails(
        "The module 'better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115.",
      ),
      'node:sqlite': fails('node:sqlite needs Node >= 22.13 (this is Node 20.19.0)'),
    };
    await expect(selectSqliteDriver('auto', loaders)).rejects.toMatchObject({
      name: 'SqliteDriverUnavailableError',
      message:
        "no usable SQLite driver (better-sqlite3: The module 'better_sqlite3.node' was compiled against a " +
        'different Node.js version using NODE_MODULE_VERSION 115.; node:sqlite: node:sqlite needs Node >= 22.13 (this is Node 20.19.0))',
    });
  });
});
