import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { GatewayPairingStore, GatewayStore, OpenStoreOptions } from '@sms-channel/store';
import { GatewayError } from '../gateway-error.js';
import { STORE_WORKER_SOURCE } from './store-worker-source.js';

/** A store failure that happened on the store thread; `name` and `code` are the store's (`StoreBusyError`...). */
export class StoreThreadError extends GatewayError {
  /** The file, for errors about it. */
  readonly path: string | undefined;

  constructor(error: {
    name: string;
    message: string;
    code?: string | undefined;
    path?: string | undefined;
  }) {
    super(error.code ?? 'STORE_THREAD_FAILED', error.message);
    this.name = error.name;
    this.path = error.path;
  }
}

/** Every method of `GatewayStore` but `pairing` (kept in step with the interface by a test). */
export const STORE_METHODS = [
  'admitInbound',
  'claimInbound',
  'completeInbound',
  'failInbound',
  'deferInbound',
  'deadLetterInbound',
  'extendInboundLease',
  'listDeadLetters',
  'requeueDeadLetter',
  'countInbound',
  'recordOutboundPart',
  'listOutboundParts',
  'applyDeliveryStatus',
  'getDelivery',
  'saveReplyDraft',
  'getReplyDraft',
  'appendConversationTurn',
  'listConversationTurns',
  'clearConversation',
  'recordOptOut',
  'clearOptOut',
  'isOptedOut',
  'listOptOuts',
  'prune',
  'close',
] as const satisfies readonly Exclude<keyof GatewayStore, 'pairing'>[];

/** Every method of `GatewayPairingStore`. */
export const PAIRING_METHODS = [
  'getOrCreatePending',
  'findPendingByCode',
  'listPending',
  'deletePending',
  'deleteExpiredPending',
  'addApproved',
  'removeApproved',
  'isApproved',
  'listApproved',
  'markCodeSent',
  'codeSentAt',
] as const satisfies readonly (keyof GatewayPairingStore)[];

type Reply =
  | { id: number; ok: true; value?: unknown }
  | { id: number; ok: false; error: ConstructorParameters<typeof StoreThreadError>[0] };

/** Options that can cross to the thread (a custom clock cannot). */
export type ThreadedStoreOptions = Omit<OpenStoreOptions, 'now'>;

/** Where the thread imports the store from: this module's own resolution of it, in either module format. */
function storeEntry(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('@sms-channel/store');
  // The CommonJS build has no import.meta; it has require.
  return pathToFileURL(require.resolve('@sms-channel/store')).href;
}

/**
 * `openStore` on its own thread, behind the same `GatewayStore` interface. better-sqlite3 is synchronous: on the
 * main thread every commit's fsync (0.2 to 4 ms on a busy disk) stops the event loop, so no webhook is read,
 * verified or answered meanwhile. On a thread, the main loop keeps verifying the next webhooks while the store
 * thread commits the previous batch: the two overlap, and one fsync still covers every admit of a batch.
 */
export async function openThreadedStore(
  path: string,
  options: ThreadedStoreOptions = {},
): Promise<GatewayStore> {
  const worker = new Worker(STORE_WORKER_SOURCE, {
    eval: true,
    workerData: { path, options, storeEntry: storeEntry() },
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;
  worker.on('message', (reply: Reply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiter?.resolve(reply.value);
    else waiter?.reject(new StoreThreadError(reply.error));
  });
  const failAll = (error: Error) => {
    failure ??= error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) =>
    failAll(
      new StoreThreadError({
        name: 'StoreClosedError',
        code: 'STORE_CLOSED',
        message: `the store thread exited (${code})`,
      }),
    ),
  );
  await new Promise((resolve, reject) => pending.set(0, { resolve, reject })).catch(
    async (error: unknown) => {
      await worker.terminate();
      throw error;
    },
  );

  const call = (target: 'store' | 'pairing', method: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (failure !== undefined) {
        reject(failure);
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, target, method, args });
    });
  const proxy = (target: 'store' | 'pairing', methods: readonly string[]) =>
    Object.fromEntries(methods.map((method) => [method, (...args: unknown[]) => call(target, method, args)]));

  const store = proxy('store', STORE_METHODS);
  const close = async () => {
    if (failure === undefined) await call('store', 'close', []);
    await worker.terminate();
  };
  // The proxies are built from the method lists above, which the type checker ties to the interfaces.
  return { ...store, close, pairing: proxy('pairing', PAIRING_METHODS) } as unknown as GatewayStore;
}
