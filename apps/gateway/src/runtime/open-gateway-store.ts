import { access } from 'node:fs/promises';
import { type GatewayStore, openStore } from '@sms-channel/store';
import { openThreadedStore, type ThreadedStoreOptions } from '@sms-channel/store/thread';
import type { GatewayConfig } from '../app-config/load-gateway-config.js';

export interface OpenGatewayStoreOptions {
  /**
   * Run SQLite on its own thread, so commits (and their fsync) never stop the caller's event loop: what the
   * gateway wants. A CLI command that makes a few reads and writes does without the thread.
   * @default true
   */
  thread?: boolean;
  /** Store options (`synchronous`, `busyTimeoutMs`, ...). */
  store?: ThreadedStoreOptions;
}

/**
 * The gateway's store, as its config says: the SQLite file `<stateDir>/store.db`, in WAL mode, so the running
 * gateway and a CLI command (`pairing approve`, `queue retry`...) use it at the same time. The one way both
 * open it: a store backend added to the config is added here, for both.
 */
export function openGatewayStore(
  config: Pick<GatewayConfig, 'storePath'>,
  options: OpenGatewayStoreOptions = {},
): Promise<GatewayStore> {
  return options.thread === false
    ? openStore(config.storePath, options.store)
    : openThreadedStore(config.storePath, options.store);
}

/**
 * Whether the gateway's store was ever created: reading commands must not create a state directory where no
 * gateway ran (opening the store creates it).
 */
export async function gatewayStoreExists(config: Pick<GatewayConfig, 'storePath'>): Promise<boolean> {
  try {
    await access(config.storePath);
    return true;
  } catch {
    return false;
  }
}
