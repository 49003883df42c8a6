import type { GatewayStore } from '@sms-channel/store';
import type { GatewayConfig } from '../app-config/load-gateway-config.js';
import { gatewayStoreExists } from '../runtime/open-gateway-store.js';
import type { CliDependencies } from './cli-context.js';

/**
 * Opens the gateway's store when it exists, or resolves `undefined`: reading commands (`pairing list`,
 * `queue list`, `channels status`) must not create a state directory on a machine where no gateway ever ran.
 * The gateway may be running: SQLite in WAL mode lets both processes use the file; PostgreSQL is shared anyway.
 */
export async function openExistingStore(
  config: GatewayConfig,
  deps: Pick<CliDependencies, 'openStore'>,
): Promise<GatewayStore | undefined> {
  if (!(await gatewayStoreExists(config.store))) return undefined;
  return deps.openStore(config);
}

/** Runs `work` with the store (or `undefined`) and always closes it. */
export async function withExistingStore<T>(
  config: GatewayConfig,
  deps: Pick<CliDependencies, 'openStore'>,
  work: (store: GatewayStore | undefined) => Promise<T>,
): Promise<T> {
  const store = await openExistingStore(config, deps);
  try {
    return await work(store);
  } finally {
    await store?.close();
  }
}
