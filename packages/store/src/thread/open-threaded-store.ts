/**
 * `openThreadedStore`: the SQLite store on its own worker thread, behind the same `GatewayStore` interface.
 * Both SQLite bindings are synchronous: on the main thread every commit (an fsync, 0.2 to 4 ms on a busy disk)
 * stops the event loop, so no webhook is read, verified or answered meanwhile. On a thread the two overlap,
 * and group commit still holds: the calls made during one turn of the caller's event loop cross in one
 * message and start in one turn of the store thread's loop, so their writes share one transaction.
 *
 * The thread runs `store-worker.js` (`.cjs` in the CommonJS build), a file of this package's `dist/` next to
 * this module: a bundler that inlines this package must ship that file beside its output.
 */
import { Worker } from 'node:worker_threads';
import { StoreClosedError, StoreError } from '../errors.js';
import type { GatewayStore } from '../gateway-store.js';
import { createInboundAdmittedListeners } from '../inbound-admitted-listeners.js';
import type { GatewayPairingStore } from '../pairing.js';
import type { OpenStoreOptions } from '../sqlite/open-store.js';
import type { SqliteDriverName } from '../sqlite/sqlite-driver.js';
import { reviveError } from './serialized-error.js';
import {
  type CallBatch,
  type CallTarget,
  pairingMethods,
  type StoreCall,
  type StoreThreadData,
  storeMethods,
  type ThreadMessage,
} from './thread-protocol.js';

/** Options of `openThreadedStore`: those of `openStore`. */
export type ThreadedStoreOptions = OpenStoreOptions;

/** The SQLite store on its own thread. */
export interface ThreadedGatewayStore extends GatewayStore {
  /** The database file. */
  readonly path: string;
  /** The SQLite binding the thread runs (what `driver: 'auto'` chose there). */
  readonly driver: SqliteDriverName;
}

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** The store thread's module: beside this one, in the same module format (`.js` ESM, `.cjs` CommonJS). */
function workerUrl(): URL {
  const here = import.meta.url;
  const extension = here.endsWith('.cjs') ? '.cjs' : '.js';
  return new URL(`./store-worker${extension}`, here);
}

/**
 * Opens the store at `path` on a new worker thread; resolves once it is open (migrated), or rejects with the
 * error `openStore` gave there (`StoreCorruptError`... with its `path`). A clock given as `options.now` is read
 * on the calling thread, once per batch of calls sent.
 */
export async function openThreadedStore(
  path: string,
  options: ThreadedStoreOptions = {},
): Promise<ThreadedGatewayStore> {
  const { now, ...cloneable } = options;
  const threadData: StoreThreadData = { path, options: { ...cloneable }, callerClock: now !== undefined };
  const worker = new Worker(workerUrl(), { workerData: threadData });
  const waiting = new Map<number, Waiter>();
  const admittedListeners = createInboundAdmittedListeners();
  let batch: StoreCall[] = [];
  let nextId = 1;
  let closed = false;
  let failure: Error | undefined;

  const failAll = (error: Error) => {
    failure ??= error;
    for (const waiter of waiting.values()) waiter.reject(error);
    waiting.clear();
  };

  const opened = new Promise<SqliteDriverName>((resolve, reject) => {
    worker.on('message', (message: ThreadMessage) => {
      if (message.type === 'opened') resolve(message.driver);
      else if (message.type === 'open-failed') reject(reviveError(message.error));
      else {
        for (const event of message.admitted) admittedListeners.emit(event);
        for (const answer of message.replies) {
          const waiter = waiting.get(answer.id);
          waiting.delete(answer.id);
          if (answer.ok) waiter?.resolve(answer.value);
          else waiter?.reject(reviveError(answer.error));
        }
      }
    });
    worker.on('error', (error) => {
      const wrapped = new StoreError('STORE_THREAD_FAILED', `The store thread failed: ${error.message}`, {
        cause: error,
      });
      reject(wrapped);
      failAll(wrapped);
    });
    worker.on('exit', (code) => {
      const error = new StoreError('STORE_THREAD_FAILED', `The store thread exited (code ${code})`);
      reject(error);
      failAll(closed ? new StoreClosedError(path) : error);
    });
  });
  let driver: SqliteDriverName;
  try {
    driver = await opened;
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  function flush(): void {
    const message: CallBatch = { now: now?.(), calls: batch };
    batch = [];
    worker.postMessage(message);
  }

  function call(target: CallTarget, method: string, args: unknown[]): Promise<unknown> {
    if (closed) return Promise.reject(new StoreClosedError(path));
    if (failure !== undefined) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      if (batch.length === 0) setImmediate(flush);
      batch.push({ id, target, method, args });
    });
  }

  const proxy = (target: CallTarget, methods: readonly string[]) =>
    Object.fromEntries(methods.map((method) => [method, (...args: unknown[]) => call(target, method, args)]));

  async function close(): Promise<void> {
    if (closed) return;
    const closing = call('store', 'close', []);
    closed = true;
    try {
      await closing;
    } finally {
      await worker.terminate();
    }
  }

  // The proxies are built from the method lists, which the type checker ties to the interfaces.
  return {
    ...(proxy('store', storeMethods) as unknown as GatewayStore),
    pairing: proxy('pairing', pairingMethods) as unknown as GatewayPairingStore,
    onInboundAdmitted: (listener) => admittedListeners.subscribe(listener),
    close,
    path,
    driver,
  };
}
