/**
 * The code of the store thread, run with `new Worker(source, { eval: true })`: a string rather than a file so it
 * survives any bundling of the gateway (tsup chunks, the CLI bin, the OpenClaw plugin build) without a second
 * entry point to ship and locate. It opens the SQLite store (the module URL comes in `workerData`) and answers
 * `{ id, target, method, args }` messages. Messages that arrive together are delivered in one turn of this
 * thread's event loop, so the store's group commit still shares one fsync among them.
 */
export const STORE_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const serialize = (error) => ({
  name: error && error.name ? String(error.name) : 'Error',
  message: error && error.message !== undefined ? String(error.message) : String(error),
  code: error && typeof error.code === 'string' ? error.code : undefined,
  path: error && typeof error.path === 'string' ? error.path : undefined,
});
import(workerData.storeEntry).then(async ({ openStore }) => {
  let store;
  try {
    store = await openStore(workerData.path, workerData.options);
  } catch (error) {
    parentPort.postMessage({ id: 0, ok: false, error: serialize(error) });
    return;
  }
  parentPort.postMessage({ id: 0, ok: true });
  parentPort.on('message', ({ id, target, method, args }) => {
    const object = target === 'pairing' ? store.pairing : store;
    Promise.resolve()
      .then(() => object[method](...args))
      .then(
        (value) => parentPort.postMessage({ id, ok: true, value }),
        (error) => parentPort.postMessage({ id, ok: false, error: serialize(error) }),
      );
  });
}, (error) => parentPort.postMessage({ id: 0, ok: false, error: serialize(error) }));
`;
