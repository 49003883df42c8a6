import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A Twilio API that starts every answer and never finishes it: a byte of JSON whitespace now and then keeps the
 * connection busy, so a client's idle timeout never fires and only closing the connection ends the request. A
 * process that leaves such a request open never exits on its own.
 */
export async function startNeverFinishingTwilio(): Promise<{
  url: string;
  /** Resolves once a request arrived. */
  requested: Promise<void>;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let markRequested: () => void = () => {};
  const requested = new Promise<void>((resolve) => {
    markRequested = resolve;
  });
  const server: Server = createServer((_req, res) => {
    markRequested();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const timer = setInterval(() => res.write(' '), 200);
    timers.add(timer);
    res.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requested,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
