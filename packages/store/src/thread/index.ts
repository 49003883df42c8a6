/**
 * @module @sms-channel/store/thread
 * `openThreadedStore`: the SQLite store on its own worker thread, behind the same `GatewayStore` interface, so
 * the caller's event loop never waits on SQLite (its fsyncs, another process's lock). A separate entry point:
 * it starts a worker from a file of this package (`dist/store-worker.js`), which only this entry needs.
 */
export {
  openThreadedStore,
  type ThreadedGatewayStore,
  type ThreadedStoreOptions,
} from './open-threaded-store.js';
