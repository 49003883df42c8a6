import type { Server, ServerResponse } from 'node:http';

/** The requests a server is answering, so shutdown can let them finish before it closes the connections. */
export interface RequestTracker {
  /** Requests received and not yet answered (or abandoned by the client). */
  readonly inFlight: number;
  /**
   * From now on every answer (those in flight included) says `Connection: close` and its connection closes
   * after it: a client's connection is never dropped between its requests, only after an answer it has read.
   */
  endKeepAlive(): void;
  /** Resolves true once no request is in flight, or false after `timeoutMs`. */
  settled(timeoutMs: number): Promise<boolean>;
}

/** Tracks `server`'s requests from now on (registered ahead of its own request listener). */
export function trackRequests(server: Server): RequestTracker {
  const live = new Set<ServerResponse>();
  let keepAlive = true;
  let waiters: (() => void)[] = [];
  server.prependListener('request', (_req, res) => {
    live.add(res);
    if (!keepAlive) res.shouldKeepAlive = false;
    res.once('close', () => {
      live.delete(res);
      if (live.size > 0) return;
      const waiting = waiters;
      waiters = [];
      for (const wake of waiting) wake();
    });
  });
  return {
    get inFlight() {
      return live.size;
    },
    endKeepAlive() {
      keepAlive = false;
      for (const res of live) if (!res.headersSent) res.shouldKeepAlive = false;
    },
    settled(timeoutMs) {
      if (live.size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((wake) => wake !== done);
          resolve(false);
        }, timeoutMs);
        timer.unref();
        function done() {
          clearTimeout(timer);
          resolve(true);
        }
        waiters.push(done);
      });
    },
  };
}
