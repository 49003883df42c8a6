import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_SID,
  account,
  HANDSET,
  inboundForm,
  messageSid,
  NUMBER,
  postSigned,
  startWebhookServer,
  type WebhookServer,
} from './__fixtures__/webhook-server.js';

let server: WebhookServer;
afterEach(() => server?.close());

const reasonOf = (response: Response) => response.headers.get('x-sms-channel-reason');

async function expectTwiml(response: Response, status: number, reason?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
  const body = await response.text();
  expect(body).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><Response>.*<\/Response>$/);
  if (reason !== undefined) expect(reasonOf(response)).toBe(reason);
}

describe('handleWebhook: inbound messages', () => {
  it('admits a signed inbound SMS and answers empty TwiML', async () => {
    server = await startWebhookServer();
    const form = inboundForm();
    const response = await postSigned(`${server.url}/webhooks/sms`, form);
    await expectTwiml(response, 200);
    expect(reasonOf(response)).toBeNull();
    expect(await server.store.countInbound()).toMatchObject({ pending: 1 });
    const claimed = await server.store.claimInbound();
    expect(claimed).toMatchObject({ accountId: 'default', messageSid: form.MessageSid, sender: HANDSET });
    expect(claimed?.payload).toMatchObject({ Body: 'hello', To: NUMBER });
    expect(server.admitted).toBe(1);
  });

  it('acknowledges a replayed MessageSid without queueing it twice', async () => {
    server = await startWebhookServer();
    const form = inboundForm();
    await postSigned(`${server.url}/webhooks/sms`, form);
    const again = await postSigned(`${server.url}/webhooks/sms`, form);
    await expectTwiml(again, 200, 'duplicate');
    expect(await server.store.countInbound()).toMatchObject({ pending: 1 });
    expect(server.admitted).toBe(1);
  });

  it('accepts a trailing slash on the route path', async () => {
    server = await startWebhookServer();
    await expectTwiml(await postSigned(`${server.url}/webhooks/sms/`, inboundForm()), 200);
  });

  it('checks the signature against publicWebhookUrl when the account has one', async () => {
    const publicWebhookUrl = 'https://sms.example.com/hooks/sms?key=1';
    server = await startWebhookServer({
      accounts: [account({ publicWebhookUrl, webhookPath: '/hooks/sms' })],
    });
    const ok = await postSigned(`${server.url}/hooks/sms?key=1`, inboundForm(), {
      signedUrl: publicWebhookUrl,
    });
    await expectTwiml(ok, 200);
    const local = await postSigned(`${server.url}/hooks/sms?key=1`, inboundForm());
    await expectTwiml(local, 403, 'bad-signature');
  });

  it('rebuilds the public URL from X-Forwarded-* headers under trustProxy', async () => {
    server = await startWebhookServer({ trustProxy: true });
    const response = await postSigned(`${server.url}/webhooks/sms`, inboundForm(), {
      signedUrl: 'https://gw.example.com/webhooks/sms',
      headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'gw.example.com' },
    });
    await expectTwiml(response, 200);
  });

  it('ignores X-Forwarded-* headers without trustProxy', async () => {
    server = await startWebhookServer();
    const response = await postSigned(`${server.url}/webhooks/sms`, inboundForm(), {
      signedUrl: 'https://gw.example.com/webhooks/sms',
      headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'gw.example.com' },
    });
    await expectTwiml(response, 403, 'bad-signature');
  });

  it('skips the signature check only under dangerouslyDisableSignatureValidation', async () => {
    server = await startWebhookServer({
      accounts: [account({ dangerouslyDisableSignatureValidation: true })],
    });
    const response = await postSigned(`${server.url}/webhooks/sms`, inboundForm(), { token: '0'.repeat(32) });
    await expectTwiml(response, 200);
  });

  it('routes each account on its own path', async () => {
    const work = account({ accountId: 'work', webhookPath: '/webhooks/work', fromNumber: '+12025550101' });
    server = await startWebhookServer({ accounts: [account(), work] });
    await expectTwiml(
      await postSigned(`${server.url}/webhooks/work`, inboundForm({ To: '+12025550101' })),
      200,
    );
    expect((await server.store.claimInbound())?.accountId).toBe('work');
  });
});

describe('handleWebhook: refusals', () => {
  it('answers 404 TwiML on an unknown path', async () => {
    server = await startWebhookServer();
    await expectTwiml(await postSigned(`${server.url}/nope`, inboundForm()), 404, 'unknown-path');
  });

  it('answers 405 with Allow: POST to another method', async () => {
    server = await startWebhookServer();
    const response = await fetch(`${server.url}/webhooks/sms`);
    await expectTwiml(response, 405, 'method-not-allowed');
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('answers 403 to a bad signature', async () => {
    server = await startWebhookServer();
    const response = await postSigned(`${server.url}/webhooks/sms`, inboundForm(), { token: '0'.repeat(32) });
    await expectTwiml(response, 403, 'bad-signature');
    expect(await server.store.countInbound()).toMatchObject({ pending: 0 });
  });

  it('answers 403 to a missing signature', async () => {
    server = await startWebhookServer();
    const response = await fetch(`${server.url}/webhooks/sms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(inboundForm()).toString(),
    });
    await expectTwiml(response, 403, 'bad-signature');
  });

  it("answers 403 to a genuine signature from another account's AccountSid", async () => {
    server = await startWebhookServer();
    const response = await postSigned(
      `${server.url}/webhooks/sms`,
      inboundForm({ AccountSid: `AC${'1'.repeat(32)}` }),
    );
    await expectTwiml(response, 403, 'wrong-account');
  });

  it("answers 403 when To is not the account's number", async () => {
    server = await startWebhookServer();
    const response = await postSigned(`${server.url}/webhooks/sms`, inboundForm({ To: '+12025550199' }));
    await expectTwiml(response, 403, 'wrong-number');
  });

  it("accepts a To of another number when the MessagingServiceSid is the account's", async () => {
    const service = `MG${'a'.repeat(32)}`;
    server = await startWebhookServer({
      accounts: [account({ fromNumber: undefined, messagingServiceSid: service })],
    });
    const form = inboundForm({ To: '+12025550199', MessagingServiceSid: service });
    await expectTwiml(await postSigned(`${server.url}/webhooks/sms`, form), 200);
  });

  it('answers 413 to a body over the limit, declared or streamed', async () => {
    server = await startWebhookServer({ limits: { maxBodyBytes: 1024 } });
    const big = await postSigned(`${server.url}/webhooks/sms`, inboundForm({ Body: 'x'.repeat(2000) }));
    await expectTwiml(big, 413, 'body-too-large');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/webhooks/sms`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.write('Body=');
      req.write('y'.repeat(4000));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('answers 408 when the body does not arrive in time', async () => {
    server = await startWebhookServer({ limits: { bodyTimeoutMs: 100 } });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/webhooks/sms`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '100' },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.write('Body=slow');
    });
    expect(status).toBe(408);
  });

  it('answers 415 to a body that is not a form', async () => {
    server = await startWebhookServer();
    const response = await fetch(`${server.url}/webhooks/sms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    await expectTwiml(response, 415, 'unsupported-content-type');
  });

  it('answers 400 to a body that is not UTF-8', async () => {
    server = await startWebhookServer();
    const response = await fetch(`${server.url}/webhooks/sms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new Uint8Array([0x42, 0x3d, 0xff, 0xfe]),
    });
    await expectTwiml(response, 400, 'malformed-body');
  });

  it('answers 400 to a signed form without a MessageSid', async () => {
    server = await startWebhookServer();
    const { MessageSid: _a, SmsSid: _b, SmsMessageSid: _c, ...form } = inboundForm();
    await expectTwiml(await postSigned(`${server.url}/webhooks/sms`, form), 400, 'missing-fields');
  });
});

describe('handleWebhook: flood guards', () => {
  it('answers 429 with Retry-After to a forged request from a client address past its invalid budget', async () => {
    server = await startWebhookServer({ limits: { invalidBurstPerIp: 3, invalidPerMinutePerIp: 1 } });
    const forged = { token: '0'.repeat(32) };
    for (let i = 0; i < 3; i += 1) {
      expect((await postSigned(`${server.url}/webhooks/sms`, inboundForm(), forged)).status).toBe(403);
    }
    const limited = await postSigned(`${server.url}/webhooks/sms`, inboundForm(), forged);
    await expectTwiml(limited, 429, 'too-many-invalid-requests');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('does not charge valid requests against the invalid-request budget', async () => {
    server = await startWebhookServer({ limits: { invalidBurstPerIp: 1, invalidPerMinutePerIp: 1 } });
    for (let i = 0; i < 5; i += 1) {
      expect((await postSigned(`${server.url}/webhooks/sms`, inboundForm())).status).toBe(200);
    }
  });

  it('answers 429 once a route exceeds its rate of signed requests', async () => {
    server = await startWebhookServer({ limits: { routeBurst: 2, routeRatePerSecond: 1 } });
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await postSigned(`${server.url}/webhooks/sms`, inboundForm())).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('answers 503 with Retry-After beyond the cap on signed requests being committed', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let admitting: () => void = () => {};
    const firstAdmit = new Promise<void>((resolve) => {
      admitting = resolve;
    });
    server = await startWebhookServer({
      limits: { maxInFlight: 1 },
      wrapStore: (store) => ({
        applyDeliveryStatus: (...args) => store.applyDeliveryStatus(...args),
        admitInbound: async (...args) => {
          admitting();
          await held;
          return store.admitInbound(...args);
        },
      }),
    });
    const first = postSigned(`${server.url}/webhooks/sms`, inboundForm());
    await firstAdmit;
    const response = await postSigned(`${server.url}/webhooks/sms`, inboundForm());
    await expectTwiml(response, 503, 'too-many-in-flight');
    expect(response.headers.get('retry-after')).toBe('1');
    release();
    expect((await first).status).toBe(200);
  });
});

describe('handleWebhook: status callbacks', () => {
  const statusForm = (sid: string, status: string, extra: Record<string, string> = {}) => ({
    MessageSid: sid,
    SmsSid: sid,
    MessageStatus: status,
    SmsStatus: status,
    AccountSid: ACCOUNT_SID,
    From: NUMBER,
    To: HANDSET,
    ApiVersion: '2010-04-01',
    ...extra,
  });

  it('records delivery statuses forward only', async () => {
    server = await startWebhookServer();
    const sid = messageSid();
    const url = `${server.url}/webhooks/sms`;
    await expectTwiml(await postSigned(url, statusForm(sid, 'sent')), 200);
    await expectTwiml(await postSigned(url, statusForm(sid, 'delivered')), 200);
    await expectTwiml(await postSigned(url, statusForm(sid, 'sent')), 200, 'status-stale');
    expect(await server.store.getDelivery('default', sid)).toMatchObject({ status: 'delivered' });
    expect(await server.store.countInbound()).toMatchObject({ pending: 0 });
  });

  it('keeps the ErrorCode of an undelivered message', async () => {
    server = await startWebhookServer();
    const sid = messageSid();
    await postSigned(`${server.url}/webhooks/sms`, statusForm(sid, 'undelivered', { ErrorCode: '30003' }));
    expect(await server.store.getDelivery('default', sid)).toMatchObject({
      status: 'undelivered',
      errorCode: 30003,
    });
  });

  it('refuses a status callback about a message another number sent', async () => {
    server = await startWebhookServer();
    const form = statusForm(messageSid(), 'sent', { From: '+12025550199' });
    await expectTwiml(await postSigned(`${server.url}/webhooks/sms`, form), 403, 'wrong-number');
  });
});
