/** The `onInboundAdmitted` listeners of one store object, shared by every implementation. */
import { StoreArgumentError } from './errors.js';
import type { InboundAdmitted, InboundAdmittedListener } from './inbound-queue.js';

export interface InboundAdmittedListeners {
  /** Adds a listener; returns its unsubscribe function (each subscription has its own). */
  subscribe(listener: InboundAdmittedListener): () => void;
  /** Tells every listener; one that throws does not stop the others (its error is reported as uncaught). */
  emit(event: InboundAdmitted): void;
  readonly size: number;
}

export function createInboundAdmittedListeners(): InboundAdmittedListeners {
  const subscriptions = new Set<{ listener: InboundAdmittedListener }>();
  return {
    subscribe(listener) {
      if (typeof listener !== 'function') throw new StoreArgumentError('listener', 'expected a function');
      const subscription = { listener };
      subscriptions.add(subscription);
      return () => {
        subscriptions.delete(subscription);
      };
    },
    emit(event) {
      for (const { listener } of [...subscriptions]) {
        try {
          listener(event);
        } catch (error) {
          // Not the admit's failure (it is committed): surface it as the listener's own bug, like an emitter.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
    get size() {
      return subscriptions.size;
    },
  };
}
