/**
 * `openStore`: the SQLite gateway store. One file, WAL mode, `synchronous=FULL` by default, every write
 * group-committed (see write-queue.ts).
 *
 * Why FULL: in WAL mode a commit appends to the `-wal` file. With NORMAL the WAL is fsynced only at
 * checkpoints, so a committed transaction may still sit in the OS page cache: that survives a crash or
 * `kill -9` of the process (the kernel still writes the page cache out) but not a power cut or kernel
 * panic, which can roll the last transactions back (the file stays consistent, it just loses them). The
 * gateway acknowledges Twilio as soon as an admit resolves and Twilio never retries an acknowledged webhook,
 * so a rolled-back admit is a message lost for good. FULL fsyncs the WAL on every commit, which makes
 * "resolved" mean "on stable storage"; group commit keeps that affordable under load.
 */

import { requireCount } from '../arguments.js';
import { StoreArgumentError, StoreClosedError, StoreOpenError } from '../errors.js';
import type { GatewayStore } from '../gateway-store.js';
import {
  defaultLeaseMs,
  defaultMaxAttempts,
  defaultRetentionMs,
  defaultRetryDelayMs,
} from '../queue-defaults.js';
import { type BusyRetry, createBusyRetry } from './busy-retry.js';
import { loadSqliteDriver, type SqliteDriverChoice } from './load-sqlite-driver.js';
import { openDatabase, type SynchronousMode } from './open-database.js';
import type { SqliteContext } from './sqlite-context.js';
import { createSqliteConversationHistory } from './sqlite-conversation-history.js';
import type { SqliteConnection, SqliteDriver, SqliteDriverName } from './sqlite-driver.js';
import { toStoreError } from './sqlite-errors.js';
import { createSqliteInboundQueue } from './sqlite-inbound-queue.js';
import { createSqliteOptOuts } from './sqlite-opt-outs.js';
import { createSqliteOutboundLog } from './sqlite-outbound-log.js';
import { createSqlitePairingStore } from './sqlite-pairing-store.js';
import { createSqliteReplyDrafts } from './sqlite-reply-drafts.js';
import { createSqlitePrune } from './sqlite-retention.js';
import { createSqliteSenderPacing } from './sqlite-sender-pacing.js';
import { createWriteQueue } from './write-queue.js';

/** Options of `openStore`. */
export interface OpenStoreOptions {
  /**
   * When a commit counts as done. `'full'`: the WAL is fsynced at every commit, so a resolved write survives
   * a power cut. `'normal'`: a resolved write survives a crash of the process but not of the machine;
   * only for throwaway data or disks that cannot fsync quickly.
   * @default 'full'
   */
  synchronous?: SynchronousMode;
  /**
   * How long completed messages, reply parts, reply drafts, delivery records and conversation turns are kept.
   * @default 604800000 (7 days)
   */
  retentionMs?: number;
  /**
   * Claim lease when `claimInbound` is given none.
   * @default 300000 (5 minutes)
   */
  leaseMs?: number;
  /**
   * Claims of one message before it is dead-lettered, when `failInbound` is given none.
   * @default 5
   */
  maxAttempts?: number;
  /**
   * How long to wait for another process's lock before failing with `StoreBusyError`.
   * @default 10000
   */
  busyTimeoutMs?: number;
  /**
   * The clock, in ms since the epoch (tests move it to expire leases or age rows).
   * @default Date.now
   */
  now?: () => number;
  /**
   * The SQLite binding. `'better-sqlite3'`: the native addon (the package's dependency). `'node:sqlite'`:
   * Node's built-in SQLite (Node >= 22.13), no native addon, e.g. in a bundle for a host whose Node ABI
   * differs from the one better-sqlite3 was built for. `'auto'`: better-sqlite3 when it loads, else
   * node:sqlite. Both give the same guarantees and read and write the same files.
   * @default 'auto'
   */
  driver?: SqliteDriverChoice;
}

/** The SQLite gateway store. */
export interface SqliteGatewayStore extends GatewayStore {
  /** The database file. */
  readonly path: string;
  /** The SQLite binding in use (what `driver: 'auto'` chose). */
  readonly driver: SqliteDriverName;
}

const driverChoices: readonly SqliteDriverChoice[] = ['auto', 'better-sqlite3', 'node:sqlite'];

function requireDriverChoice(value: unknown): SqliteDriverChoice {
  const choice = driverChoices.find((known) => known === value);
  if (choice === undefined) {
    throw new StoreArgumentError(
      'driver',
      `expected one of ${driverChoices.join(', ')}, got ${String(value)}`,
    );
  }
  return choice;
}

async function loadDriver(path: string, choice: SqliteDriverChoice): Promise<SqliteDriver> {
  try {
    return await loadSqliteDriver(choice);
  } catch (error) {
    throw new StoreOpenError(path, (error as Error).message, { cause: error });
  }
}

/**
 * Opens the store at `path` (`':memory:'` for a private, non-durable one), creating the file and its
 * folder when missing and migrating an older schema. Fails with `StoreCorruptError`, `StoreForeignFileError`
 * or `StoreVersionError` (all naming the file, which is left untouched) or `StoreOpenError` (also when no
 * SQLite driver loads: the message names each driver tried and why it failed).
 */
export async function openStore(path: string, options: OpenStoreOptions = {}): Promise<SqliteGatewayStore> {
  const retentionMs = requireCount('retentionMs', options.retentionMs ?? defaultRetentionMs);
  const leaseMs = requireCount('leaseMs', options.leaseMs ?? defaultLeaseMs);
  const maxAttempts = requireCount('maxAttempts', options.maxAttempts ?? defaultMaxAttempts);
  const busyTimeoutMs = requireCount('busyTimeoutMs', options.busyTimeoutMs ?? 10_000);
  const driver = await loadDriver(path, requireDriverChoice(options.driver ?? 'auto'));
  const retryWhileBusy = createBusyRetry(path, busyTimeoutMs);
  const db = await openDatabase(driver, path, options.synchronous ?? 'full', retryWhileBusy);

  try {
    return createSqliteGatewayStore(db, driver.name, path, retryWhileBusy, {
      retentionMs,
      leaseMs,
      maxAttempts,
      now: options.now,
    });
  } catch (error) {
    db.close();
    throw toStoreError(path, error);
  }
}

function createSqliteGatewayStore(
  db: SqliteConnection,
  driver: SqliteDriverName,
  path: string,
  retryWhileBusy: BusyRetry,
  settings: { retentionMs: number; leaseMs: number; maxAttempts: number; now: (() => number) | undefined },
): SqliteGatewayStore {
  let closed = false;
  const writes = createWriteQueue(db, path, retryWhileBusy);
  const ctx: SqliteContext = {
    db,
    write: writes.run,
    // Checked on every attempt: a read waiting out a lock may see the store closed meanwhile.
    read: (work) =>
      retryWhileBusy(() => {
        if (closed) throw new StoreClosedError(path);
        return work();
      }),
    now: settings.now ?? Date.now,
  };

  return {
    path,
    driver,
    ...createSqliteInboundQueue(ctx, {
      leaseMs: settings.leaseMs,
      maxAttempts: settings.maxAttempts,
      retryDelayMs: defaultRetryDelayMs,
    }),
    ...createSqliteOutboundLog(ctx),
    ...createSqliteReplyDrafts(ctx),
    ...createSqliteConversationHistory(ctx),
    ...createSqliteOptOuts(ctx),
    ...createSqliteSenderPacing(ctx),
    pairing: createSqlitePairingStore(ctx),
    prune: createSqlitePrune(ctx, settings.retentionMs),
    async close() {
      if (closed) return;
      closed = true;
      await writes.close();
      db.close();
    },
  };
}
