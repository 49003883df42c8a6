import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { computeSignature } from '@sms-channel/twilio-signature';
import { startWhatsAppEcho, type WhatsAppEcho, whatsAppNumber } from './whatsapp-echo.js';

const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const AUTH_TOKEN = 'example-auth-token';
const NUMBER = '+12025550100';
const FRIEND = '+12025550142';
const STRANGER = '+12025550199';

/** A stand-in for Twilio's Messages API: records each message sent and answers as Twilio does (201, JSON). */
function startFakeTwilio() {
  const sent: Record<string, string>[] = [];
  const waiting: ((message: Record<string, string>) => void)[] = [];
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const form = Object.fromEntries(new URLSearchParams(raw));
    const auth = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
    if (
      req.url !== `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json` ||
      req.headers.authorization !== auth
    ) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":20404,"message":"Not found"}');
      return;
    }
    sent.push(form);
    waiting.shift()?.(form);
    res.writeHead(201, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        sid: `SM${String(sent.length).padStart(32, '0')}`,
        account_sid: ACCOUNT_SID,
        to: form.To,
        from: form.From,
        body: form.Body,
        status: 'queued',
        direction: 'outbound-api',
        messaging_service_sid: null,
        date_created: new Date().toUTCString(),
        date_sent: null,
        error_code: null,
        num_media: '0',
      }),
    );
  });
  return {
    sent,
    server,
    /** The next message the channel sends. */
    nextMessage: () => new Promise<Record<string, string>>((resolve) => waiting.push(resolve)),
  };
}

let twilio: ReturnType<typeof startFakeTwilio>;
let echo: WhatsAppEcho;
let messages = 0;

/** Twilio posting a WhatsApp message to the channel, signed with the account's Auth Token (or not). */
async function inbound(from: string, body: string, options: { sid?: string; forged?: boolean } = {}) {
  messages += 1;
  const params = {
    MessageSid: options.sid ?? `SM${String(messages).padStart(32, 'f')}`,
    AccountSid: ACCOUNT_SID,
    From: `whatsapp:${from}`,
    To: `whatsapp:${NUMBER}`,
    Body: body,
    NumMedia: '0',
  };
  const signature = computeSignature(options.forged ? 'another-token' : AUTH_TOKEN, echo.url, params);
  const response = await fetch(echo.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: await response.text() };
}

before(async () => {
  twilio = startFakeTwilio();
  await new Promise<void>((resolve) => twilio.server.listen(0, '127.0.0.1', resolve));
  const { port } = twilio.server.address() as AddressInfo;
  echo = await startWhatsAppEcho({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    number: NUMBER,
    allowFrom: [FRIEND],
    publicUrl: 'http://127.0.0.1:{port}/webhooks/whatsapp',
    twilioApiBaseUrl: `http://127.0.0.1:${port}`,
  });
});

after(async () => {
  await echo.close();
  await new Promise<void>((resolve) => (twilio.server as Server).close(() => resolve()));
});

describe('the WhatsApp echo channel', () => {
  it('answers an allowed sender on WhatsApp with what they wrote', async () => {
    const sent = twilio.nextMessage();
    const answer = await inbound(FRIEND, 'hello there');
    assert.equal(answer.status, 200);
    assert.match(answer.body, /<Response><\/Response>/);
    assert.deepEqual(await sent, {
      To: `whatsapp:${FRIEND}`,
      From: `whatsapp:${NUMBER}`,
      Body: 'You said: hello there',
    });
  });

  it('refuses a webhook not signed with the Auth Token, and sends nothing', async () => {
    const before = twilio.sent.length;
    const answer = await inbound(FRIEND, 'forged', { forged: true });
    assert.equal(answer.status, 403);
    assert.equal(twilio.sent.length, before);
  });

  it('acknowledges a sender outside allowFrom without answering them', async () => {
    const before = twilio.sent.length;
    const answer = await inbound(STRANGER, 'who is this?');
    assert.equal(answer.status, 200);
    assert.equal(twilio.sent.length, before);
  });

  it('answers a message Twilio delivers twice (same MessageSid) once', async () => {
    const sent = twilio.nextMessage();
    await inbound(FRIEND, 'once', { sid: `SM${'e'.repeat(32)}` });
    await sent;
    const before = twilio.sent.length;
    const again = await inbound(FRIEND, 'once', { sid: `SM${'e'.repeat(32)}` });
    assert.equal(again.status, 200);
    assert.equal(twilio.sent.length, before);
  });

  it('cuts a long answer into numbered messages within Twilio’s 1,600 characters', async () => {
    const first = twilio.nextMessage();
    const second = twilio.nextMessage();
    await inbound(FRIEND, 'word '.repeat(400).trim());
    const bodies = [(await first).Body ?? '', (await second).Body ?? ''];
    for (const body of bodies) assert.ok(body.length <= 1600, `${body.length} characters`);
    assert.match(bodies[0] ?? '', /^You said: word word .* \(1\/2\)$/);
    assert.match(bodies[1] ?? '', / \(2\/2\)$/);
  });

  it('reads only whatsapp: addresses as WhatsApp senders', () => {
    assert.equal(whatsAppNumber(`whatsapp:${FRIEND}`), FRIEND);
    assert.equal(whatsAppNumber(FRIEND), undefined);
    assert.equal(whatsAppNumber('whatsapp:not-a-number'), undefined);
  });
});
