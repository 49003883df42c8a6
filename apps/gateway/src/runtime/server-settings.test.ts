import type { Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayServer, DEFAULT_SERVER_SETTINGS, type ServerSettings } from './server-settings.js';

let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** Answers every request with 200 "ok", except `/hold`, which is never answered (a request in progress). */
async function start(settings: Partial<ServerSettings>): Promise<number> {
  server = createGatewayServer(
    (req, res) => {
      if (req.url === '/hold') return;
      res.writeHead(200, { 'Content-Length': 2 }).end('ok');
    },
    { ...DEFAULT_SERVER_SETTINGS, ...settings },
  );
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A raw connection; `received` holds what came back, `closed` resolves when the server let it go. */
function open(port: number) {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  const state = { received: '' };
  socket.on('data', (chunk: Buffer) => {
    state.received += chunk.toString('latin1');
  });
  socket.on('error', () => {});
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, state, connected, closed };
}

function answered(state: { received: string }, socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!state.received.includes('\r\n\r\nok')) return;
      socket.off('data', check);
      resolve();
    };
    socket.on('data', check);
    check();
  });
}

const fast = { headersTimeoutMs: 200, requestTimeoutMs: 400, timeoutCheckIntervalMs: 100 };

describe('createGatewayServer: timeouts (issue 13, item 3)', () => {
  it('closes a connection that sends nothing within headersTimeoutMs', async () => {
    const client = open(await start(fast));
    await client.closed;
    expect(client.state.received).toMatch(/^(HTTP\/1\.1 408|$)/);
  });

  it('closes a connection whose request head is still incomplete after headersTimeoutMs', async () => {
    const client = open(await start(fast));
    client.socket.write('POST /webhooks/sms HTTP/1.1\r\nHost: x\r\n');
    await client.closed;
    expect(client.state.received).toMatch(/^(HTTP\/1\.1 408|$)/);
  });

  it('closes an idle keep-alive connection after keepAliveTimeoutMs', async () => {
    const client = open(await start({ ...fast, keepAliveTimeoutMs: 100 }));
    client.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await answered(client.state, client.socket);
    await client.closed;
    expect(client.state.received).toMatch(/^HTTP\/1\.1 200/);
  });
});

describe('createGatewayServer: connection cap', () => {
  it('closes the oldest connection with no request in progress when one more than maxConnections opens', async () => {
    const port = await start({ maxConnections: 2 });
    const oldest = open(port);
    await oldest.connected;
    const busy = open(port);
    busy.socket.write('GET /hold HTTP/1.1\r\nHost: x\r\n\r\n');
    await busy.connected;
    const idle = open(port);
    idle.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await oldest.closed;
    await answered(idle.state, idle.socket);
    expect(busy.socket.destroyed).toBe(false);
  });

  it('keeps a connection with a request in progress and closes the newcomer when all are busy', async () => {
    const port = await start({ maxConnections: 1 });
    const busy = open(port);
    busy.socket.write('GET /hold HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise<void>((resolve) => server?.once('request', () => resolve()));
    const newcomer = open(port);
    await newcomer.closed;
    expect(newcomer.state.received).toBe('');
    expect(busy.socket.destroyed).toBe(false);
  });
});
