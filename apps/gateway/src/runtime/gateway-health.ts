import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayLogger } from '../logging/create-logger.js';

/** Why `/readyz` fails. */
export type NotReadyReason = 'starting' | 'draining' | 'no-accounts' | 'store-unavailable';

/** What `/readyz` found. */
export type Readiness = { ready: true } | { ready: false; reason: NotReadyReason; detail?: string };

export interface GatewayHealthOptions {
  /** Resolves when the store can serve calls now (PostgreSQL: `SELECT 1`). */
  ping: () => Promise<void>;
  /** Webhook routes served (enabled accounts with a route); none: nothing for a load balancer to send. */
  routes: () => number;
  logger: GatewayLogger;
  /** How long the store may take to answer before `/readyz` fails. @default 2000 */
  pingTimeoutMs?: number;
}

/**
 * The load balancer's view of one gateway process. `GET /healthz`: the process is alive and serving HTTP
 * (always 200, draining included: restarting a draining process would cut its work short). `GET /readyz`:
 * send webhooks here: 200 once the gateway listens with its accounts resolved and workers running, while
 * the store answers; 503 with a reason (`starting`, `draining`, `no-accounts`, `store-unavailable`) otherwise.
 * On SIGTERM `/readyz` fails first (`draining`) while webhooks are still answered, so the balancer stops
 * sending before the listener closes.
 */
export interface GatewayHealth {
  /** Answers `/healthz` and `/readyz` (GET, HEAD); false for any other request (left to the webhook). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Listening, accounts resolved, workers running: `/readyz` may pass from now on. */
  markStarted(): void;
  /** Shutting down: `/readyz` fails from now on, whatever the store says. */
  startDrain(): void;
  /** Whether anything asked `/readyz` since start: a load balancer watches, so a drain is worth waiting out. */
  readonly watched: boolean;
  readonly draining: boolean;
  /** What `/readyz` answers now. */
  check(): Promise<Readiness>;
}

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };

function pathOf(url: string | undefined): string {
  const target = url ?? '/';
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from the store within ${ms} ms`)), ms);
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export function createGatewayHealth(options: GatewayHealthOptions): GatewayHealth {
  const pingTimeoutMs = options.pingTimeoutMs ?? 2000;
  const { logger } = options;
  let started = false;
  let draining = false;
  let watched = false;
  // Several balancers (or checks) asking at once share one store round trip.
  let pinging: Promise<Readiness> | undefined;
  let storeWasDown = false;

  const pingStore = async (): Promise<Readiness> => {
    try {
      await withTimeout(options.ping(), pingTimeoutMs);
    } catch (error) {
      const detail = messageOf(error);
      if (!storeWasDown) logger.warn({ err: error }, `not ready: the store is unavailable (${detail})`);
      storeWasDown = true;
      return { ready: false, reason: 'store-unavailable', detail };
    }
    if (storeWasDown) logger.info('ready again: the store answers');
    storeWasDown = false;
    return { ready: true };
  };

  const check = async (): Promise<Readiness> => {
    if (draining) return { ready: false, reason: 'draining' };
    if (!started) return { ready: false, reason: 'starting' };
    if (options.routes() === 0) return { ready: false, reason: 'no-accounts' };
    pinging ??= pingStore().finally(() => {
      pinging = undefined;
    });
    const readiness = await pinging;
    // A drain that began while the store answered still wins.
    return draining ? { ready: false, reason: 'draining' } : readiness;
  };

  const answer = (req: IncomingMessage, res: ServerResponse, status: number, body: object) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text) });
    res.end(req.method === 'HEAD' ? undefined : text);
  };

  return {
    handle(req, res) {
      const path = pathOf(req.url);
      if (path !== '/healthz' && path !== '/readyz') return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': 0 }).end();
        return true;
      }
      if (path === '/healthz') {
        answer(req, res, 200, { ok: true });
        return true;
      }
      watched = true;
      check().then(
        (readiness) =>
          readiness.ready
            ? answer(req, res, 200, { ok: true })
            : answer(req, res, 503, {
                ok: false,
                reason: readiness.reason,
                ...(readiness.detail === undefined ? {} : { detail: readiness.detail }),
              }),
        (error: unknown) =>
          answer(req, res, 503, { ok: false, reason: 'store-unavailable', detail: messageOf(error) }),
      );
      return true;
    },
    markStarted() {
      started = true;
    },
    startDrain() {
      draining = true;
    },
    get watched() {
      return watched;
    },
    get draining() {
      return draining;
    },
    check,
  };
}
