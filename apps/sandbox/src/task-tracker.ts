/**
 * Background work of a running sandbox (deliveries, webhooks, retries): tracked so that `stop()` can cancel
 * the waits, abort requests in flight, and return only once nothing is left running.
 */
export interface TaskTracker {
  /** Aborted by `stop()`: pass it to fetch and waits. */
  readonly signal: AbortSignal;
  /**
   * Runs `task` (the work of message `messageSid`) in the background. A failure caused by `stop()` is expected
   * and dropped; any other goes to the tracker's `onError`.
   */
  run(task: () => Promise<void>, messageSid: string): void;
  /** Resolves after `ms`, or rejects as soon as the tracker stops. */
  sleep(ms: number): Promise<void>;
  /** Aborts everything and waits for every task to settle. */
  stop(): Promise<void>;
}

/** Creates a tracker; `onError` hears a task's failure that was not caused by stopping, with its message SID. */
export function createTaskTracker(onError: (error: unknown, messageSid: string) => void): TaskTracker {
  const controller = new AbortController();
  const running = new Set<Promise<void>>();
  const waiters = new Set<{ reject: (reason: unknown) => void; timer: NodeJS.Timeout }>();
  controller.signal.addEventListener(
    'abort',
    () => {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(controller.signal.reason);
      }
      waiters.clear();
    },
    { once: true },
  );
  return {
    signal: controller.signal,
    run(task, messageSid) {
      if (controller.signal.aborted) return;
      const promise = task()
        .catch((error: unknown) => {
          if (!controller.signal.aborted) onError(error, messageSid);
        })
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    sleep(ms) {
      if (controller.signal.aborted) return Promise.reject(controller.signal.reason);
      // One abort listener for every wait (below), not one each: many deliveries waiting at once must not
      // trip Node's MaxListeners warning on the tracker's signal.
      return new Promise((resolve, reject) => {
        const waiter = { reject, timer: setTimeout(() => done(), ms) };
        const done = () => {
          waiters.delete(waiter);
          resolve();
        };
        waiters.add(waiter);
      });
    },
    async stop() {
      controller.abort(new Error('sandbox stopped'));
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
