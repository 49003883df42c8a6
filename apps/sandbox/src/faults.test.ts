import { describe, expect, it } from 'vitest';
import { startFastSandbox } from './__fixtures__/fast-sandbox.js';
import { basicAuthHeaders, sandboxTwilioClient } from './__fixtures__/twilio-client.js';
import { startTestWebhookReceiver } from './__fixtures__/webhook-receiver.js';
import { SandboxInputError } from './errors.js';
import { parseFaultInput } from './fault-rules.js';

const HANDSET = '+12025550142';
const NUMBER = '+12025550100';

function listUrl(sandbox: { url: string; accountSid: string }) {
  return `${sandbox.url}/2010-04-01/Accounts/${sandbox.accountSid}/Messages.json`;
}

describe('fault injection on REST routes', () => {
  it('answers 429 with Retry-After and Twilio code 20429', async () => {
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({ route: 'messages.list', kind: 'status', status: 429, retryAfterSeconds: 7 });
    const response = await fetch(listUrl(sandbox), { headers: basicAuthHeaders(sandbox) });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({
      code: 20429,
      message: 'Too Many Requests',
      more_info: 'https://www.twilio.com/docs/errors/20429',
      status: 429,
    });
  });

  it('answers 500 with Twilio code 20500', async () => {
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({ route: 'messages.create', kind: 'status', status: 500 });
    const error = await sandboxTwilioClient(sandbox)
      .messages.create({ to: HANDSET, from: NUMBER, body: 'x' })
      .catch((caught: unknown) => caught as { status: number; code: number });
    expect(error).toMatchObject({ status: 500, code: 20500 });
    expect(sandbox.messages.list()).toHaveLength(0);
  });

  it('answers another 4xx with 20001, a final refusal, and a named code under the fault status', async () => {
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({ route: 'messages.create', kind: 'status', status: 400, times: 1 });
    const client = sandboxTwilioClient(sandbox);
    const refuse = () =>
      client.messages
        .create({ to: HANDSET, from: NUMBER, body: 'x' })
        .catch((caught: unknown) => caught as { status: number; code: number; moreInfo: string });
    expect(await refuse()).toMatchObject({ status: 400, code: 20001 });
    sandbox.admin.addFault({ route: 'messages.create', kind: 'status', status: 400, code: 21610, times: 1 });
    expect(await refuse()).toMatchObject({
      status: 400,
      code: 21610,
      moreInfo: 'https://www.twilio.com/docs/errors/21610',
    });
    expect(sandbox.messages.list()).toHaveLength(0);
    expect(() =>
      sandbox.admin.addFault({ route: 'messages.create', kind: 'status', status: 400, code: 42 }),
    ).toThrow('code: must be an integer from 10000 to 99999');
  });

  it('fires only as many times as asked, then the route works again', async () => {
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({ route: 'messages.list', kind: 'status', status: 503, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await fetch(listUrl(sandbox), { headers: basicAuthHeaders(sandbox) })).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(sandbox.admin.faults()).toEqual([]);
  });

  it("lets the SDK's autoRetry recover from one 429", async () => {
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({ route: 'messages.create', kind: 'status', status: 429, times: 1 });
    const client = sandboxTwilioClient(sandbox, { autoRetry: true });
    const created = await client.messages.create({ to: HANDSET, from: NUMBER, body: 'x' });
    expect(created.status).toBe('queued');
  });

  it('applies to every REST route with the route name rest', async () => {
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({ route: 'rest', kind: 'status', status: 500 });
    const numbers = await fetch(
      `${sandbox.url}/2010-04-01/Accounts/${sandbox.accountSid}/IncomingPhoneNumbers.json`,
      {
        headers: basicAuthHeaders(sandbox),
      },
    );
    expect(numbers.status).toBe(500);
  });

  it('adds latency before answering', async () => {
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({ route: 'messages.list', kind: 'latency', ms: 150 });
    const started = performance.now();
    const response = await fetch(listUrl(sandbox), { headers: basicAuthHeaders(sandbox) });
    expect(response.status).toBe(200);
    // A lower bound only: timers never fire early, so this holds on any machine however busy.
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('drops the connection without an answer', async () => {
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({ route: 'messages.create', kind: 'drop', times: 1 });
    const request = fetch(listUrl(sandbox), {
      method: 'POST',
      headers: { ...basicAuthHeaders(sandbox), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'To=%2B12025550142&From=%2B12025550100&Body=x',
    });
    await expect(request).rejects.toThrow();
    expect(sandbox.messages.list()).toHaveLength(0);
  });
});

describe('fault injection on webhooks', () => {
  it('delivers an inbound webhook twice, identical, when asked to duplicate', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms` });
    sandbox.admin.addFault({ route: 'webhook.inbound', kind: 'duplicate', times: 1 });
    await sandbox.phones.send({ from: HANDSET, body: 'once' });
    const [first, second] = await app.waitFor(2);
    expect(second?.rawBody).toBe(first?.rawBody);
    expect(second?.headers['x-twilio-signature']).toBe(first?.headers['x-twilio-signature']);
    await sandbox.phones.send({ from: HANDSET, body: 'next' });
    await app.waitFor(3);
    expect(app.received.map((webhook) => webhook.params.Body)).toEqual(['once', 'once', 'next']);
  });

  it('sends status callbacks newest first when asked for out-of-order', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({ route: 'webhook.status', kind: 'out-of-order', times: 1 });
    await sandboxTwilioClient(sandbox).messages.create({
      to: HANDSET,
      from: NUMBER,
      body: 'x',
      statusCallback: `${app.url}/status`,
    });
    const callbacks = await app.waitFor(3);
    expect(callbacks.map((callback) => callback.params.MessageStatus)).toEqual([
      'delivered',
      'sent',
      'queued',
    ]);
  });

  it('duplicates a status callback', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({ route: 'webhook.status', kind: 'duplicate', times: 1 });
    await sandboxTwilioClient(sandbox).messages.create({
      to: HANDSET,
      from: NUMBER,
      body: 'x',
      statusCallback: `${app.url}/status`,
    });
    const callbacks = await app.waitFor(4);
    expect(callbacks.map((callback) => callback.params.MessageStatus)).toEqual([
      'queued',
      'queued',
      'sent',
      'delivered',
    ]);
  });
});

describe('the admin API over HTTP', () => {
  it('adds, lists and removes faults', async () => {
    const sandbox = await startFastSandbox();
    const added = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: 'messages.create', kind: 'status', status: 429, retryAfterSeconds: 1 }),
    });
    expect(added.status).toBe(201);
    const { fault } = (await added.json()) as { fault: { id: string } };
    const listed = (await (await fetch(`${sandbox.url}/_sandbox/faults`)).json()) as { faults: unknown[] };
    expect(listed.faults).toMatchObject([
      { id: fault.id, route: 'messages.create', kind: 'status', remaining: null },
    ]);
    const removed = await fetch(`${sandbox.url}/_sandbox/faults/${fault.id}`, { method: 'DELETE' });
    expect(await removed.json()).toEqual({ removed: true });
    expect(sandbox.admin.faults()).toEqual([]);
  });

  it('refuses a fault that makes no sense on its route with 400 naming the field', async () => {
    const sandbox = await startFastSandbox();
    const response = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: 'webhook.inbound', kind: 'drop' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field: 'kind' } });
  });
});

describe('parseFaultInput', () => {
  it('accepts a well-formed fault', () => {
    expect(parseFaultInput({ route: 'rest', kind: 'latency', ms: 10, times: 3 })).toEqual({
      route: 'rest',
      kind: 'latency',
      ms: 10,
      times: 3,
    });
  });

  it('accepts the media CDN kinds only on media.cdn', () => {
    expect(parseFaultInput({ route: 'media.cdn', kind: 'oversized', bytes: 10, chunked: true })).toEqual({
      route: 'media.cdn',
      kind: 'oversized',
      bytes: 10,
      chunked: true,
    });
    expect(() => parseFaultInput({ route: 'messages.create', kind: 'oversized' })).toThrow(SandboxInputError);
  });

  it.each([
    [{ route: 'nowhere', kind: 'drop' }, 'route'],
    [{ route: 'messages.create', kind: 'rate-limit' }, 'perSecond'],
    [{ route: 'messages.create', kind: 'rate-limit', perSecond: 0 }, 'perSecond'],
    [{ route: 'messages.list', kind: 'drop', every: 0 }, 'every'],
    [{ route: 'messages.list', kind: 'latency', ms: 5, jitterMs: -1 }, 'jitterMs'],
    [{ route: 'media.cdn', kind: 'content-type', contentType: '' }, 'contentType'],
    [{ route: 'media.cdn', kind: 'oversized', chunked: 'yes' }, 'chunked'],
    [{ route: 'media.cdn', kind: 'rate-limit', perSecond: 1 }, 'kind'],
    [{ route: 'messages.list', kind: 'duplicate' }, 'kind'],
    [{ route: 'messages.list', kind: 'status' }, 'status'],
    [{ route: 'messages.list', kind: 'status', status: 200 }, 'status'],
    [{ route: 'messages.list', kind: 'latency', ms: -1 }, 'ms'],
    [{ route: 'messages.list', kind: 'drop', times: 0 }, 'times'],
  ])('refuses %j, naming %s', (input, field) => {
    expect(() => parseFaultInput(input)).toThrow(SandboxInputError);
    try {
      parseFaultInput(input);
    } catch (error) {
      expect((error as SandboxInputError).field).toBe(field);
    }
  });
});

describe('a slow, 429-ing Twilio for soak tests', () => {
  it('fires a fault on every n-th request only (every)', async () => {
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({ route: 'messages.list', kind: 'status', status: 429, every: 3 });
    const statuses = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push((await fetch(listUrl(sandbox), { headers: basicAuthHeaders(sandbox) })).status);
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
  });

  it('rate-limits: past the burst, requests in the same second get 429 with Retry-After', async () => {
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({
      route: 'messages.create',
      kind: 'rate-limit',
      perSecond: 1,
      burst: 1,
      retryAfterSeconds: 3,
    });
    const send = () =>
      fetch(listUrl(sandbox), {
        method: 'POST',
        headers: { ...basicAuthHeaders(sandbox), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'To=%2B12025550142&From=%2B12025550100&Body=x',
      });
    const responses = await Promise.all(Array.from({ length: 5 }, send));
    const limited = responses.filter((response) => response.status === 429);
    expect(responses.some((response) => response.status === 201)).toBe(true);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.headers.get('retry-after')).toBe('3');
    expect(await limited[0]?.json()).toMatchObject({ code: 20429, status: 429 });
    expect(sandbox.messages.list().length).toBe(5 - limited.length);
  });

  it('slows and rate-limits Messages create together, and the SDK with autoRetry still gets every message through', async () => {
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({ route: 'messages.create', kind: 'latency', ms: 20, jitterMs: 20 });
    sandbox.admin.addFault({ route: 'messages.create', kind: 'status', status: 429, every: 2, times: 2 });
    const client = sandboxTwilioClient(sandbox, { autoRetry: true });
    for (const body of ['one', 'two', 'three'])
      await client.messages.create({ to: HANDSET, from: NUMBER, body });
    expect(sandbox.messages.list().map((message) => message.body)).toEqual(['three', 'two', 'one']);
    expect(sandbox.admin.faults()).toMatchObject([{ kind: 'latency' }]);
  });
});
