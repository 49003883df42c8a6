/**
 * Choosing and loading the SQLite driver. `'auto'` prefers better-sqlite3 (the binding the workspace builds
 * and benchmarks) and falls back to Node's built-in node:sqlite when better-sqlite3 is missing or its
 * addon was built for another Node (a plugin bundle on a host Node 24, say). Each driver module is imported
 * only when tried, so the store's entry point itself loads neither binding.
 */
import type { SqliteDriver, SqliteDriverName } from './sqlite-driver.js';

/** Which SQLite driver `openStore` uses: one by name, or `'auto'` (better-sqlite3, else node:sqlite). */
export type SqliteDriverChoice = SqliteDriverName | 'auto';

/** Loads one driver; rejects with the reason it cannot be used in this process. */
export type SqliteDriverLoaders = Record<SqliteDriverName, () => Promise<SqliteDriver>>;

/** Why no driver could be loaded; `openStore` turns it into a `StoreOpenError` naming the file. */
export class SqliteDriverUnavailableError extends Error {
  constructor(reasons: ReadonlyArray<readonly [SqliteDriverName, unknown]>) {
    const detail = reasons.map(([name, error]) => `${name}: ${oneLine(error)}`).join('; ');
    super(`no usable SQLite driver (${detail})`, { cause: reasons[reasons.length - 1]?.[1] });
    this.name = 'SqliteDriverUnavailableError';
  }
}

/** A loader's reason on one line: Node's addon errors span several ("was compiled against ... VERSION 115"). */
function oneLine(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
  return text.length > 400 ? `${text.slice(0, 399)}…` : text;
}

/** Loads the driver `choice` names, trying better-sqlite3 then node:sqlite for `'auto'`. */
export async function selectSqliteDriver(
  choice: SqliteDriverChoice,
  loaders: SqliteDriverLoaders,
): Promise<SqliteDriver> {
  const names: SqliteDriverName[] = choice === 'auto' ? ['better-sqlite3', 'node:sqlite'] : [choice];
  const reasons: [SqliteDriverName, unknown][] = [];
  for (const name of names) {
    try {
      return await loaders[name]();
    } catch (error) {
      reasons.push([name, error]);
    }
  }
  throw new SqliteDriverUnavailableError(reasons);
}

/** Each driver is loaded at most once per process (its module, and better-sqlite3's addon check). */
function once(load: () => Promise<SqliteDriver>): () => Promise<SqliteDriver> {
  let driver: Promise<SqliteDriver> | undefined;
  return () => {
    driver ??= load();
    return driver;
  };
}

/** The real drivers, each imported on first use. */
export const sqliteDriverLoaders: SqliteDriverLoaders = {
  'better-sqlite3': once(async () => (await import('./better-sqlite3-driver.js')).loadBetterSqlite3Driver()),
  'node:sqlite': once(async () => (await import('./node-sqlite-driver.js')).loadNodeSqliteDriver()),
};

/** Loads the driver `choice` names (see `selectSqliteDriver`). */
export function loadSqliteDriver(choice: SqliteDriverChoice): Promise<SqliteDriver> {
  return selectSqliteDriver(choice, sqliteDriverLoaders);
}
