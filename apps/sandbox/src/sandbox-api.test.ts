import { describe, expect, it } from 'vitest';
import { startFastSandbox } from './__fixtures__/fast-sandbox.js';
import { sandboxTwilioClient } from './__fixtures__/twilio-client.js';
import { startTestWebhookReceiver } from './__fixtures__/webhook-receiver.js';

const HANDSET = '+12025550142';

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

function post(url: string, body: unknown, method = 'POST') {
  return fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe("the sandbox's own HTTP API", () => {
  it('serves the dev phone page at /', async () => {
    const sandbox = await startFastSandbox();
    const response = await fetch(`${sandbox.url}/`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('/_sandbox/assets/dev-phone.js');
    const script = await fetch(`${sandbox.url}/_sandbox/assets/dev-phone.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves only the known assets', async () => {
    const sandbox = await startFastSandbox();
    expect((await fetch(`${sandbox.url}/_sandbox/assets/..%2Fpackage.json`)).status).toBe(404);
  });

  it('answers 404 outside the page, the sandbox API and the Twilio API', async () => {
    const sandbox = await startFastSandbox();
    expect((await fetch(`${sandbox.url}/elsewhere/state`)).status).toBe(404);
  });

  it('answers 400 to a path with broken percent-encoding', async () => {
    const sandbox = await startFastSandbox();
    expect((await fetch(`${sandbox.url}/_sandbox/phones/%E0%A4%A/messages`)).status).toBe(400);
  });

  it('texts from a handset and waits for the webhook with ?wait=1', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms` });
    const response = await post(
      `${sandbox.url}/_sandbox/phones/${encodeURIComponent(HANDSET)}/messages?wait=1`,
      {
        body: 'hi',
      },
    );
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.message).toMatchObject({ from: HANDSET, to: '+12025550100', body: 'hi', status: 'received' });
    expect(body.webhook).toMatchObject({ ok: true, attempts: [{ status: 200, kind: 'inbound' }] });
  });

  it('answers 202 at once without ?wait, and the webhook follows', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms` });
    const response = await post(`${sandbox.url}/_sandbox/phones/${HANDSET}/messages`, { body: 'hi' });
    expect(response.status).toBe(202);
    const { message } = (await json(response)) as { message: { sid: string } };
    const [webhook] = await app.waitFor(1);
    expect(webhook?.params.MessageSid).toBe(message.sid);
  });

  it('refuses a text from something that is not a phone number with 400', async () => {
    const sandbox = await startFastSandbox();
    const response = await post(`${sandbox.url}/_sandbox/phones/not-a-number/messages`, { body: 'hi' });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ error: { field: 'from' } });
  });

  it('refuses a body that is not JSON with 400', async () => {
    const sandbox = await startFastSandbox();
    const response = await fetch(`${sandbox.url}/_sandbox/phones/${HANDSET}/messages`, {
      method: 'POST',
      body: '{',
    });
    expect(response.status).toBe(400);
  });

  it.each([
    ['POST', '/handsets', {}, 400, 'phoneNumber'],
    ['POST', '/handsets', { phoneNumber: '12345' }, 400, 'phoneNumber'],
    ['POST', '/handsets', { phoneNumber: HANDSET, city: 7 }, 400, 'city'],
    ['POST', `/phones/${HANDSET}/messages`, { body: 7 }, 400, 'body'],
    ['POST', `/phones/${HANDSET}/messages`, { body: 'hi', to: '+12025550199' }, 400, 'to'],
    ['POST', `/phones/${HANDSET}/messages`, { body: 'hi', mediaUrls: 'x' }, 400, 'mediaUrls'],
    ['POST', `/phones/${HANDSET}/messages`, ['hi'], 400, 'body'],
    ['PUT', '/numbers/+12025550199', { smsUrl: null }, 400, 'phoneNumber'],
    ['PUT', '/numbers/+12025550100', { smsUrl: 7 }, 400, 'smsUrl'],
    ['POST', '/faults', { route: 'rest' }, 400, 'kind'],
  ])('answers %s %s %j with %i naming %s', async (method, path, body, status, field) => {
    const sandbox = await startFastSandbox();
    const response = await post(`${sandbox.url}/_sandbox${path}`, body, method);
    expect(response.status).toBe(status);
    expect(await json(response)).toMatchObject({ error: { field } });
  });

  it('refuses a JSON body over 64 KiB with 400 naming the body', async () => {
    const sandbox = await startFastSandbox();
    const response = await post(`${sandbox.url}/_sandbox/handsets`, { phoneNumber: 'x'.repeat(65_536) });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ error: { field: 'body' } });
  });

  it('answers 404 to an unknown fault id and to an unknown sandbox route', async () => {
    const sandbox = await startFastSandbox();
    const removed = await fetch(`${sandbox.url}/_sandbox/faults/nope`, { method: 'DELETE' });
    expect(removed.status).toBe(404);
    expect(await json(removed)).toEqual({ removed: false });
    const unknown = await fetch(`${sandbox.url}/_sandbox/nope`);
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toEqual({ error: { message: 'no sandbox route GET /_sandbox/nope' } });
  });

  it('counts segments for the composer', async () => {
    const sandbox = await startFastSandbox();
    const response = await fetch(
      `${sandbox.url}/_sandbox/segments?text=${encodeURIComponent('€'.repeat(81))}`,
    );
    expect(await json(response)).toEqual({ characters: 81, segments: 2, encoding: 'GSM-7', units: 162 });
  });

  it('shows the whole state: numbers, handsets, messages oldest first', async () => {
    const sandbox = await startFastSandbox();
    await sandbox.phones.send({ from: HANDSET, body: 'first' });
    await sandbox.phones.send({ from: HANDSET, body: 'second' });
    const state = await json(await fetch(`${sandbox.url}/_sandbox/state`));
    expect(state.accountSid).toBe(sandbox.accountSid);
    expect((state.messages as Array<{ body: string }>).map((message) => message.body)).toEqual([
      'first',
      'second',
    ]);
    expect(state.handsets).toEqual([{ phoneNumber: HANDSET, city: '', state: '', zip: '', country: 'US' }]);
  });

  it("changes a number's sms_url", async () => {
    const sandbox = await startFastSandbox();
    const response = await post(
      `${sandbox.url}/_sandbox/numbers/+12025550100`,
      { smsUrl: 'http://127.0.0.1:9/sms' },
      'PUT',
    );
    expect(response.status).toBe(200);
    expect(sandbox.numbers[0]?.smsUrl).toBe('http://127.0.0.1:9/sms');
  });

  it("refuses a number's sms_url that is not http(s) with 400 naming smsUrl once, and keeps the old one", async () => {
    const sandbox = await startFastSandbox({ webhookUrl: 'http://127.0.0.1:9/sms' });
    const response = await post(
      `${sandbox.url}/_sandbox/numbers/+12025550100`,
      { smsUrl: 'ftp://x/sms' },
      'PUT',
    );
    expect(response.status).toBe(400);
    // Regression: the message once read `smsUrl: smsUrl: ...` (an options error wrapped in an input error).
    expect(await json(response)).toEqual({
      error: { field: 'smsUrl', message: 'smsUrl: "ftp://x/sms" must be an http or https URL' },
    });
    expect(sandbox.numbers[0]?.smsUrl).toBe('http://127.0.0.1:9/sms');
  });

  it('adds a handset with its geography', async () => {
    const sandbox = await startFastSandbox();
    const response = await post(`${sandbox.url}/_sandbox/handsets`, {
      phoneNumber: '+447700900123',
      city: 'LONDON',
    });
    expect(response.status).toBe(201);
    expect(sandbox.phones.list().map((handset) => handset.phoneNumber)).toContain('+447700900123');
  });

  it('forgets messages, opt-outs and faults on reset', async () => {
    const sandbox = await startFastSandbox();
    await sandbox.phones.send({ from: HANDSET, body: 'STOP' });
    sandbox.admin.addFault({ route: 'rest', kind: 'latency', ms: 1 });
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    expect(sandbox.messages.list()).toEqual([]);
    expect(sandbox.phones.isOptedOut(HANDSET)).toBe(false);
    expect(sandbox.admin.faults()).toEqual([]);
  });

  it('streams events as server-sent events', async () => {
    const sandbox = await startFastSandbox();
    const controller = new AbortController();
    const response = await fetch(`${sandbox.url}/_sandbox/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const created = sandboxTwilioClient(sandbox).messages.create({
      to: HANDSET,
      from: '+12025550100',
      body: 'live',
    });
    let text = '';
    while (!text.includes('"status":"delivered"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const sid = (await created).sid;
    expect(text).toContain('event: message.created');
    expect(text).toMatch(
      new RegExp(`event: message.updated\\ndata: \\{"type":"message.updated","message":\\{"sid":"${sid}"`),
    );
  });
});
