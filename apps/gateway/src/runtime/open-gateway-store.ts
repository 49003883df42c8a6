import { access } from 'node:fs/promises';
import { type GatewayStore, openPostgresStore, openStore } from '@sms-channel/store';
import { openThreadedStore, type ThreadedStoreOptions } from '@sms-channel/store/thread';
import type { GatewayStoreSettings } from '../app-config/resolve-store-settings.js';

/** A store the gateway opened, with what readiness and the logs need to know about it. */
export interface OpenedGatewayStore {
  store: GatewayStore;
  kind: GatewayStoreSettings['kind'];
  /** Where it is, for logs: the SQLite file, or `host:port/database (schema s)`; never a password. */
  where: string;
  /**
   * Resolves when the store can serve calls now: PostgreSQL answers `SELECT 1` on a pooled connection; the
   * SQLite file, opened by this process, is always reachable while open.
   */
  ping(): Promise<void>;
}

export interface OpenGatewayStoreOptions {
  /** SQLite only: store options (`synchronous`, `busyTimeoutMs`, ...). */
  sqlite?: ThreadedStoreOptions;
  /** SQLite only: run the store on its own thread, so commits (and their fsync) never stop the event loop. @default true */
  thread?: boolean;
}

/**
 * Opens the store `gateway.store` names, the one way the gateway and the CLI (`pairing approve`, `queue retry`...)
 * both open it: the SQLite file in WAL mode (on its own thread by default; a CLI command does without), or the PostgreSQL
 * database several gateway processes share (created and migrated when needed, one instance at a time). A
 * database that is down fails here with the store's `StoreUnavailableError` (host and port, never the
 * password); a password secret ref that could not be read when the config was loaded fails with its
 * `SecretRefError`.
 */
export async function openGatewayStore(
  settings: GatewayStoreSettings,
  options: OpenGatewayStoreOptions = {},
): Promise<OpenedGatewayStore> {
  if (settings.kind === 'sqlite') {
    const store =
      options.thread === false
        ? await openStore(settings.path, options.sqlite)
        : await openThreadedStore(settings.path, options.sqlite);
    return { store, kind: 'sqlite', where: settings.path, ping: async () => undefined };
  }
  if (settings.unreadPassword !== undefined) throw settings.unreadPassword;
  const store = await openPostgresStore({
    connectionString: settings.connectionString,
    ...(settings.password === undefined ? {} : { password: settings.password }),
    poolSize: settings.poolSize,
    schema: settings.schema,
    connectTimeoutMs: settings.connectTimeoutMs,
  });
  const { host, port, database, schema } = store.location;
  return {
    store,
    kind: 'postgres',
    where: `${host}:${port}/${database} (schema ${schema})`,
    ping: () => store.ping(),
  };
}

/**
 * Whether the gateway's store was ever created: reading commands (`pairing list`, `queue list`...) must not
 * create a state directory where no gateway ran (opening the SQLite store creates it). A PostgreSQL database is
 * shared and created by whoever opens it first, so it counts as there.
 */
export async function gatewayStoreExists(settings: GatewayStoreSettings): Promise<boolean> {
  if (settings.kind === 'postgres') return true;
  try {
    await access(settings.path);
    return true;
  } catch {
    return false;
  }
}
