import { afterEach, describe, expect, it } from 'vitest';
import {
  inboundForm,
  postSigned,
  type RawRequest,
  rawPost,
  startWebhookServer,
  statusOf,
  type WebhookServer,
} from './__fixtures__/webhook-server.js';

let server: WebhookServer;
const open: RawRequest[] = [];
afterEach(async () => {
  for (const raw of open.splice(0)) raw.socket.destroy();
  await server?.close();
});

const FORGED = { token: '0'.repeat(32) };

/** A webhook whose head says 500 body bytes and whose body stops after one: a slowloris upload. */
function stalled(headers: Record<string, string> = {}): RawRequest {
  const raw = rawPost(server.url, '/webhooks/sms', { contentLength: 500, body: 'B', headers });
  open.push(raw);
  return raw;
}

describe('webhook floods: slow bodies (issue 13, item 1)', () => {
  it('acknowledges a signed webhook while 1,100 stalled bodies from its own address are open', async () => {
    server = await startWebhookServer();
    for (let i = 0; i < 1100; i += 1) stalled();
    await server.requestsSeen(1100);
    const response = await postSigned(`${server.url}/webhooks/sms`, inboundForm());
    expect(response.status).toBe(200);
    expect(await server.store.countInbound()).toMatchObject({ pending: 1 });
  });

  it("cuts off an address's oldest unfinished body with 408 once it has maxUnverifiedPerAddress of them", async () => {
    server = await startWebhookServer({ limits: { maxUnverifiedPerAddress: 2 } });
    const first = stalled();
    await server.requestsSeen(1);
    const second = stalled();
    await server.requestsSeen(2);
    stalled();
    await server.requestsSeen(3);
    const received = await first.answers(1);
    expect(statusOf(received)).toBe(408);
    expect(received).toMatch(/X-SMS-Channel-Reason: body-evicted/i);
    expect(second.socket.readyState).toBe('open');
    expect(await second.answers(0)).toBe('');
  });

  it('cuts off the oldest unfinished body of any address once maxUnverified bodies are being read', async () => {
    server = await startWebhookServer({ trustProxy: true, limits: { maxUnverified: 2 } });
    const first = stalled({ 'X-Forwarded-For': '198.51.100.1' });
    await server.requestsSeen(1);
    stalled({ 'X-Forwarded-For': '198.51.100.2' });
    await server.requestsSeen(2);
    stalled({ 'X-Forwarded-For': '198.51.100.3' });
    await server.requestsSeen(3);
    const received = await first.answers(1);
    expect(statusOf(received)).toBe(408);
    expect(received).toMatch(/X-SMS-Channel-Reason: body-evicted/i);
  });

  it('answers 415 from the head alone, without waiting for a body that never comes', async () => {
    server = await startWebhookServer();
    const raw = rawPost(server.url, '/webhooks/sms', {
      contentLength: 500,
      body: '{',
      headers: { 'Content-Type': 'application/json' },
    });
    open.push(raw);
    const status = await new Promise<number | undefined>((resolve) => {
      let received = '';
      raw.socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (received.includes('\r\n\r\n')) resolve(statusOf(received));
      });
    });
    expect(status).toBe(415);
  });
});

describe('webhook floods: forged requests (issue 13, item 2)', () => {
  it('admits a signed text from an address that sent ten forged requests just before', async () => {
    server = await startWebhookServer();
    const url = `${server.url}/webhooks/sms`;
    for (let i = 0; i < 10; i += 1) expect((await postSigned(url, inboundForm(), FORGED)).status).toBe(403);
    const genuine = await postSigned(url, inboundForm());
    expect(genuine.status).toBe(200);
    expect(await server.store.countInbound()).toMatchObject({ pending: 1 });
  });

  it('admits signed texts throughout a flood of forged requests from the same address', async () => {
    server = await startWebhookServer({ limits: { invalidBurstPerIp: 2, invalidPerMinutePerIp: 1 } });
    const url = `${server.url}/webhooks/sms`;
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      await postSigned(url, inboundForm(), FORGED);
      statuses.push((await postSigned(url, inboundForm())).status);
    }
    expect(statuses).toEqual(Array.from({ length: 20 }, () => 200));
  });

  it("answers 429 with Retry-After to forged requests past the address's budget", async () => {
    server = await startWebhookServer({ limits: { invalidBurstPerIp: 3, invalidPerMinutePerIp: 1 } });
    const url = `${server.url}/webhooks/sms`;
    for (let i = 0; i < 3; i += 1) expect((await postSigned(url, inboundForm(), FORGED)).status).toBe(403);
    const limited = await postSigned(url, inboundForm(), FORGED);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-sms-channel-reason')).toBe('too-many-invalid-requests');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('keeps the invalid budgets of two addresses behind a trusted proxy apart', async () => {
    server = await startWebhookServer({
      trustProxy: true,
      limits: { invalidBurstPerIp: 1, invalidPerMinutePerIp: 1 },
    });
    const url = `${server.url}/webhooks/sms`;
    const from = (address: string) => ({ ...FORGED, headers: { 'X-Forwarded-For': `10.0.0.9, ${address}` } });
    await postSigned(url, inboundForm(), from('198.51.100.7'));
    expect((await postSigned(url, inboundForm(), from('198.51.100.7'))).status).toBe(429);
    expect((await postSigned(url, inboundForm(), from('198.51.100.8'))).status).toBe(403);
  });

  it("does not spend the route's rate on forged requests", async () => {
    server = await startWebhookServer({ limits: { routeBurst: 2, routeRatePerSecond: 1 } });
    const url = `${server.url}/webhooks/sms`;
    for (let i = 0; i < 5; i += 1) await postSigned(url, inboundForm(), FORGED);
    expect((await postSigned(url, inboundForm())).status).toBe(200);
  });
});
