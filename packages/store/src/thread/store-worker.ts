/**
 * @module @sms-channel/store/store-worker
 * The store thread started by `openThreadedStore`: opens the SQLite store and runs the calls it is sent. A
 * batch's calls are all started in the same turn of this thread's event loop, so their writes share one group
 * commit (one transaction, one fsync); replies settled in one turn go back in one message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { GatewayStore } from '../gateway-store.js';
import type { InboundAdmitted } from '../inbound-queue.js';
import { openStore, type SqliteGatewayStore } from '../sqlite/open-store.js';
import { serializeError } from './serialized-error.js';
import type { CallBatch, CallReply, StoreCall, StoreThreadData, ThreadMessage } from './thread-protocol.js';

const port = parentPort;
if (port === null) throw new Error('store-worker runs as a worker thread of openThreadedStore');
const data = workerData as StoreThreadData;

function post(message: ThreadMessage): void {
  port?.postMessage(message);
}

let replies: CallReply[] = [];
let admitted: InboundAdmitted[] = [];
let flushing = false;
function flushSoon(): void {
  if (flushing) return;
  flushing = true;
  setImmediate(() => {
    flushing = false;
    post({ type: 'replies', replies, admitted });
    replies = [];
    admitted = [];
  });
}
function reply(answer: CallReply): void {
  replies.push(answer);
  flushSoon();
}

function start(store: GatewayStore, call: StoreCall): Promise<unknown> {
  const target: object = call.target === 'pairing' ? store.pairing : store;
  const method: unknown = Reflect.get(target, call.method);
  if (typeof method !== 'function') {
    return Promise.reject(new TypeError(`the store has no method ${call.target}.${call.method}`));
  }
  try {
    return Promise.resolve(method.apply(target, call.args));
  } catch (error) {
    return Promise.reject(error);
  }
}

async function main(): Promise<void> {
  let clock = 0;
  let store: SqliteGatewayStore;
  try {
    store = await openStore(data.path, {
      ...data.options,
      ...(data.callerClock ? { now: () => clock } : {}),
    });
  } catch (error) {
    post({ type: 'open-failed', error: serializeError(error) });
    return;
  }
  // Admits are told after their commit, before their replies: a listener hears one no later than the caller.
  store.onInboundAdmitted((event) => {
    admitted.push(event);
    flushSoon();
  });
  port?.on('message', (batch: CallBatch) => {
    if (batch.now !== undefined) clock = batch.now;
    for (const call of batch.calls) {
      start(store, call).then(
        (value) => reply({ id: call.id, ok: true, value }),
        (error: unknown) => reply({ id: call.id, ok: false, error: serializeError(error) }),
      );
    }
  });
  post({ type: 'opened', driver: store.driver });
}

void main();
