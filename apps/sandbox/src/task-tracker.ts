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
      return new Promise((resolve, reject) => {
        if (controller.signal.aborted) {
          reject(controller.signal.reason);
          return;
        }
        const onAbort = () => {
          clearTimeout(timer);
          reject(controller.signal.reason);
        };
        const timer = setTimeout(() => {
          controller.signal.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        controller.signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    async stop() {
      controller.abort(new Error('sandbox stopped'));
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
