import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The standalone gateway's socket timeouts and connection cap (`gateway.server`). The webhook's own budgets
 * (unverified bodies per address, signed requests in flight) are the channel runtime's and apply on any host;
 * these belong to whoever owns the socket, here node:http.
 */
export interface ServerSettings {
  /** Time from a connection's first byte (or its previous request) to the end of the request head. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, head and body. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept. */
  keepAliveTimeoutMs: number;
  /** How often node:http checks the two request timeouts. */
  timeoutCheckIntervalMs: number;
  /** Open connections; one more closes the oldest idle one (or the newcomer when none is idle). */
  maxConnections: number;
  /** Connections the kernel queues before the server accepts them (`listen`'s backlog, capped by somaxconn). */
  listenBacklog: number;
}

/**
 * node:http's defaults are headers 60 s, request 300 s, keep-alive 5 s, checked every 30 s, no connection cap: an
 * idle or slow-header connection was held ~86 s (60 s plus up to one 30 s check). Twilio sends a webhook's head
 * and body at once, so these are generous for it and short for a client holding sockets open.
 */
export const DEFAULT_SERVER_SETTINGS: Readonly<ServerSettings> = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
  timeoutCheckIntervalMs: 1000,
  maxConnections: 4096,
  listenBacklog: 4096,
});

/** The gateway's HTTP server: `listener` behind the timeouts and the connection cap of `settings`. */
export function createGatewayServer(listener: RequestListener, settings: ServerSettings): Server {
  const server = createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      connectionsCheckingInterval: settings.timeoutCheckIntervalMs,
    },
    listener,
  );
  capConnections(server, settings.maxConnections);
  return server;
}

/**
 * Keeps at most `max` connections open. node:http's own `maxConnections` drops the newcomer, so anyone holding
 * `max` idle sockets would shut Twilio out; here one more connection closes the oldest one that has no request in
 * progress (an idle keep-alive, a connection that sent nothing yet, or one still trickling its head: the slow ones
 * are the old ones), and only when every connection is busy with a request is the newcomer closed. The bodies
 * being read are bounded by the webhook's own budgets, which cut off the slowest, so busy connections stay few.
 */
export function capConnections(server: Server, max: number): void {
  /** Insertion-ordered: the first one is the oldest. */
  const open = new Set<Socket>();
  const busy = new Map<Socket, number>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      busy.delete(socket);
    });
    if (open.size <= max) return;
    for (const candidate of open) {
      if (candidate === socket || busy.has(candidate)) continue;
      candidate.destroy();
      open.delete(candidate);
      return;
    }
    socket.destroy();
    open.delete(socket);
  });
  server.on('request', (req, res) => {
    const { socket } = req;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const left = (busy.get(socket) ?? 1) - 1;
      if (left > 0) busy.set(socket, left);
      else busy.delete(socket);
    });
  });
}
