import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../logging/create-logger.js';
import { createGatewayHealth, type GatewayHealthOptions } from './gateway-health.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** The health endpoints on a real HTTP server; other paths answer 404 (the webhook's place). */
async function serve(options: Partial<GatewayHealthOptions> = {}) {
  const health = createGatewayHealth({
    ping: async () => undefined,
    routes: () => 1,
    logger: createSilentLogger(),
    ...options,
  });
  server = createServer((req, res) => {
    if (!health.handle(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, method = 'GET') => {
    const response = await fetch(`${url}${path}`, { method });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
  };
  return { health, get };
}

describe('GET /healthz', () => {
  it('answers 200 while the process serves HTTP, before start and while draining', async () => {
    const { health, get } = await serve();
    expect(await get('/healthz')).toMatchObject({ status: 200, body: { ok: true } });
    health.markStarted();
    health.startDrain();
    expect(await get('/healthz')).toMatchObject({ status: 200, body: { ok: true } });
  });
});

describe('GET /readyz', () => {
  it('answers 503 "starting" until the gateway has started', async () => {
    const { get } = await serve();
    expect(await get('/readyz')).toMatchObject({ status: 503, body: { ok: false, reason: 'starting' } });
  });

  it('answers 200 once started while the store answers', async () => {
    const { health, get } = await serve();
    health.markStarted();
    const answer = await get('/readyz');
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 503 "store-unavailable" with the store\'s reason while it fails, and 200 again once it answers', async () => {
    let down = true;
    const { health, get } = await serve({
      ping: async () => {
        if (down) throw new Error("The SMS channel store's database at db:5432 is unavailable: ECONNREFUSED");
      },
    });
    health.markStarted();
    expect(await get('/readyz')).toMatchObject({
      status: 503,
      body: { ok: false, reason: 'store-unavailable', detail: expect.stringContaining('db:5432') },
    });
    down = false;
    expect(await get('/readyz')).toMatchObject({ status: 200 });
  });

  it('answers 503 "store-unavailable" when the store does not answer within pingTimeoutMs', async () => {
    const { health, get } = await serve({ ping: () => new Promise(() => undefined), pingTimeoutMs: 20 });
    health.markStarted();
    expect(await get('/readyz')).toMatchObject({
      status: 503,
      body: { reason: 'store-unavailable', detail: 'no answer from the store within 20 ms' },
    });
  });

  it('answers 503 "draining" once shutdown began, although the store still answers', async () => {
    const { health, get } = await serve();
    health.markStarted();
    health.startDrain();
    expect(await get('/readyz')).toMatchObject({ status: 503, body: { ok: false, reason: 'draining' } });
  });

  it('answers 503 "no-accounts" when no webhook route is served', async () => {
    const { health, get } = await serve({ routes: () => 0 });
    health.markStarted();
    expect(await get('/readyz')).toMatchObject({ status: 503, body: { reason: 'no-accounts' } });
  });

  it('answers HEAD with the status alone', async () => {
    const { health, get } = await serve();
    health.markStarted();
    expect(await get('/readyz', 'HEAD')).toMatchObject({ status: 200, body: undefined });
  });

  it('answers 405 with Allow to another method', async () => {
    const { get } = await serve();
    const answer = await get('/readyz', 'POST');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD');
  });

  it('shares one store round trip between checks asked at the same time', async () => {
    let pings = 0;
    let answer: (() => void) | undefined;
    const { health, get } = await serve({
      ping: () => {
        pings += 1;
        return new Promise<void>((resolve) => {
          answer = resolve;
        });
      },
    });
    health.markStarted();
    const first = health.check();
    const second = health.check();
    answer?.();
    expect(await Promise.all([first, second])).toEqual([{ ready: true }, { ready: true }]);
    expect(pings).toBe(1);
    expect(await get('/healthz')).toMatchObject({ status: 200 });
  });

  it('records that a balancer watches once /readyz is asked, not /healthz', async () => {
    const { health, get } = await serve();
    await get('/healthz');
    expect(health.watched).toBe(false);
    await get('/readyz');
    expect(health.watched).toBe(true);
  });
});

describe('other paths', () => {
  it('are left to the webhook', async () => {
    const { get } = await serve();
    expect((await get('/webhooks/sms', 'POST')).status).toBe(404);
  });
});
