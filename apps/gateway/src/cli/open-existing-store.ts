import { access } from 'node:fs/promises';
import type { GatewayStore } from '@sms-channel/store';
import type { CliDependencies } from './cli-context.js';

/**
 * Opens the gateway's store when it exists, or resolves `undefined`: reading commands (`pairing list`,
 * `channels status`) must not create a state directory on a machine where no gateway ever ran. The gateway
 * may be running: SQLite in WAL mode lets both processes use the file.
 */
export async function openExistingStore(
  path: string,
  deps: Pick<CliDependencies, 'openStore'>,
): Promise<GatewayStore | undefined> {
  try {
    await access(path);
  } catch {
    return undefined;
  }
  return deps.openStore(path);
}

/** Runs `work` with the store (or `undefined`) and always closes it. */
export async function withExistingStore<T>(
  path: string,
  deps: Pick<CliDependencies, 'openStore'>,
  work: (store: GatewayStore | undefined) => Promise<T>,
): Promise<T> {
  const store = await openExistingStore(path, deps);
  try {
    return await work(store);
  } finally {
    await store?.close();
  }
}
