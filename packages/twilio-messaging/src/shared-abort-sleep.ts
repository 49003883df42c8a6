/** The waits in progress on each signal, and the one `abort` listener that ends them all. */
interface SignalWaits {
  readonly cancels: Set<() => void>;
  readonly onAbort: () => void;
}

const bySignal = new WeakMap<AbortSignal, SignalWaits>();

function waitsOf(signal: AbortSignal): SignalWaits {
  let waits = bySignal.get(signal);
  if (waits === undefined) {
    const cancels = new Set<() => void>();
    const onAbort = () => {
      for (const cancel of [...cancels]) cancel();
    };
    waits = { cancels, onAbort };
    bySignal.set(signal, waits);
    signal.addEventListener('abort', onAbort, { once: true });
  }
  return waits;
}

function leave(signal: AbortSignal, cancel: () => void): void {
  const waits = bySignal.get(signal);
  if (waits === undefined) return;
  waits.cancels.delete(cancel);
  if (waits.cancels.size > 0) return;
  signal.removeEventListener('abort', waits.onAbort);
  bySignal.delete(signal);
}

/**
 * Waits `ms`; when `signal` aborts first, rejects with its reason. Every wait on one signal shares one `abort`
 * listener, removed when the last of them ends (issue 13, item 5): a listener per wait on the one shutdown signal
 * makes Node warn of a leak past 10 waits, and `AbortSignal.any([signal])` per wait, which avoids the warning,
 * leaves one entry per wait on the long-lived signal for good on Node 20 (250,000 waits: 250,000 entries, never
 * cleared; Node 24 clears them).
 */
export function sleepWithSharedAbort(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const cancel = () => {
      clearTimeout(timer);
      leave(signal, cancel);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      leave(signal, cancel);
      resolve();
    }, ms);
    waitsOf(signal).cancels.add(cancel);
  });
}
