import { checkSignature } from '@sms-channel/twilio-signature';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { startFastSandbox } from './__fixtures__/fast-sandbox.js';
import { sandboxTwilioClient } from './__fixtures__/twilio-client.js';
import {
  type ReceivedWebhook,
  startTestWebhookReceiver,
  startWebhookReceiver,
} from './__fixtures__/webhook-receiver.js';

const HANDSET = '+12025550142';
const NUMBER = '+12025550100';
const SERVICE_SID = `MG${'cd'.repeat(16)}`;

function signatureOf(webhook: ReceivedWebhook): string {
  return String(webhook.headers['x-twilio-signature']);
}

describe('inbound SMS webhooks', () => {
  it('POST every SMS field Twilio sends', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({
      webhookUrl: `${app.url}/webhooks/sms`,
      handsets: [{ phoneNumber: HANDSET, city: 'WASHINGTON', state: 'DC', zip: '20001' }],
    });
    const result = await sandbox.phones.send({ from: HANDSET, body: 'Hello there' });
    const [webhook] = await app.waitFor(1);
    const sid = result.message.sid;
    expect(webhook?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(webhook?.params).toEqual({
      ToCountry: 'US',
      ToState: '',
      SmsMessageSid: sid,
      NumMedia: '0',
      ToCity: '',
      FromZip: '20001',
      SmsSid: sid,
      FromState: 'DC',
      SmsStatus: 'received',
      FromCity: 'WASHINGTON',
      Body: 'Hello there',
      FromCountry: 'US',
      To: NUMBER,
      ToZip: '',
      NumSegments: '1',
      MessageSid: sid,
      AccountSid: sandbox.accountSid,
      From: HANDSET,
      ApiVersion: '2010-04-01',
    });
  });

  it('signs the webhook so that @sms-channel/twilio-signature verifies it', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/webhooks/sms?account=main` });
    await sandbox.phones.send({ from: HANDSET, body: 'Signed, sealed & délivered ✓' });
    const [webhook] = await app.waitFor(1);
    if (!webhook) throw new Error('no webhook');
    expect(
      checkSignature({
        authToken: sandbox.authToken,
        url: webhook.url,
        signature: signatureOf(webhook),
        params: webhook.params,
      }).ok,
    ).toBe(true);
    expect(
      checkSignature({
        authToken: 'other-token',
        url: webhook.url,
        signature: signatureOf(webhook),
        params: webhook.params,
      }).ok,
    ).toBe(false);
  });

  it("signs the webhook so that the twilio package's validateRequest verifies it", async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/webhooks/sms` });
    await sandbox.phones.send({ from: HANDSET, body: 'Is this really Twilio?' });
    const [webhook] = await app.waitFor(1);
    if (!webhook) throw new Error('no webhook');
    expect(twilio.validateRequest(sandbox.authToken, signatureOf(webhook), webhook.url, webhook.params)).toBe(
      true,
    );
  });

  it('includes MessagingServiceSid when the number is in a Messaging Service', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({
      webhookUrl: `${app.url}/sms`,
      messagingServices: [{ sid: SERVICE_SID, phoneNumbers: [NUMBER] }],
    });
    await sandbox.phones.send({ from: HANDSET, body: 'hi' });
    const [webhook] = await app.waitFor(1);
    expect(webhook?.params.MessagingServiceSid).toBe(SERVICE_SID);
  });

  it("posts to the Messaging Service's inbound URL when it has one", async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({
      webhookUrl: `${app.url}/number`,
      messagingServices: [
        { sid: SERVICE_SID, phoneNumbers: [NUMBER], inboundRequestUrl: `${app.url}/service` },
      ],
    });
    await sandbox.phones.send({ from: HANDSET, body: 'hi' });
    const [webhook] = await app.waitFor(1);
    expect(webhook?.path).toBe('/service');
  });

  it('records error 11200 when the webhook answers non-2xx', async () => {
    const app = await startTestWebhookReceiver(() => ({ status: 500 }));
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms` });
    const result = await sandbox.phones.send({ from: HANDSET, body: 'hi' });
    expect(result.webhook?.ok).toBe(false);
    expect(result.webhook?.attempts.map((attempt) => attempt.status)).toEqual([500]);
    expect(sandbox.admin.alerts()).toMatchObject([
      { errorCode: 11200, messageSid: result.message.sid, detail: 'HTTP 500' },
    ]);
  });

  it('records error 11200 when the webhook does not answer within the timeout', async () => {
    const app = await startTestWebhookReceiver(() => ({ delayMs: 500 }));
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms`, webhookTimeoutMs: 100 });
    const result = await sandbox.phones.send({ from: HANDSET, body: 'hi' });
    expect(result.webhook?.ok).toBe(false);
    expect(result.webhook?.attempts[0]?.error).toBe('timeout after 100 ms');
    expect(sandbox.admin.alerts()[0]?.errorCode).toBe(11200);
  });

  it('records error 11200 when nothing listens at the webhook URL', async () => {
    const app = await startWebhookReceiver();
    const url = `${app.url}/sms`;
    await app.close();
    const sandbox = await startFastSandbox({ webhookUrl: url });
    const result = await sandbox.phones.send({ from: HANDSET, body: 'hi' });
    expect(result.webhook?.ok).toBe(false);
    expect(result.webhook?.attempts[0]?.status).toBeNull();
    expect(sandbox.admin.alerts()[0]?.errorCode).toBe(11200);
  });

  it('retries a failed webhook with the same MessageSid, signature and idempotency token', async () => {
    let calls = 0;
    const app = await startTestWebhookReceiver(() => {
      calls += 1;
      return { status: calls === 1 ? 503 : 200 };
    });
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms`, webhookRetries: 2 });
    const result = await sandbox.phones.send({ from: HANDSET, body: 'hi' });
    expect(result.webhook?.ok).toBe(true);
    const [first, second] = app.received;
    expect(app.received).toHaveLength(2);
    expect(second?.params.MessageSid).toBe(first?.params.MessageSid);
    expect(second?.headers['x-twilio-signature']).toBe(first?.headers['x-twilio-signature']);
    expect(second?.headers['i-twilio-idempotency-token']).toBe(first?.headers['i-twilio-idempotency-token']);
  });

  it("honours Twilio's #rc= retry override in the URL fragment, which is neither sent nor signed", async () => {
    const app = await startTestWebhookReceiver(() => ({ status: 500 }));
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms#rc=2` });
    const result = await sandbox.phones.send({ from: HANDSET, body: 'hi' });
    expect(result.webhook?.attempts).toHaveLength(3);
    const [webhook] = app.received;
    if (!webhook) throw new Error('no webhook');
    expect(webhook.path).toBe('/sms');
    expect(
      twilio.validateRequest(sandbox.authToken, signatureOf(webhook), `${app.url}/sms`, webhook.params),
    ).toBe(true);
  });

  it('sends the <Message> of a TwiML answer back to the handset', async () => {
    const app = await startTestWebhookReceiver(() => ({
      body: '<Response><Message>Got it &amp; thanks</Message></Response>',
    }));
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms` });
    const result = await sandbox.phones.send({ from: HANDSET, body: 'hi' });
    expect(result.replies.map((reply) => [reply.direction, reply.from, reply.to, reply.body])).toEqual([
      ['outbound-reply', NUMBER, HANDSET, 'Got it & thanks'],
    ]);
  });

  it('stores the text without any webhook when the number has no sms_url', async () => {
    const sandbox = await startFastSandbox();
    const result = await sandbox.phones.send({ from: HANDSET, body: 'hi' });
    expect(result.webhook).toBeNull();
    expect(sandbox.messages.get(result.message.sid)?.status).toBe('received');
  });
});

describe('status callbacks', () => {
  it('posts queued, sent, delivered in order, each signed with the auth token', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox();
    const client = sandboxTwilioClient(sandbox);
    const created = await client.messages.create({
      to: HANDSET,
      from: NUMBER,
      body: 'Hi',
      statusCallback: `${app.url}/status?account=main`,
    });
    const callbacks = await app.waitFor(3);
    expect(callbacks.map((callback) => callback.params.MessageStatus)).toEqual([
      'queued',
      'sent',
      'delivered',
    ]);
    for (const callback of callbacks) {
      expect(callback.params).toMatchObject({
        MessageSid: created.sid,
        SmsSid: created.sid,
        SmsStatus: callback.params.MessageStatus,
        AccountSid: sandbox.accountSid,
        From: NUMBER,
        To: HANDSET,
        ApiVersion: '2010-04-01',
      });
      expect(
        twilio.validateRequest(sandbox.authToken, signatureOf(callback), callback.url, callback.params),
      ).toBe(true);
      expect(
        checkSignature({
          authToken: sandbox.authToken,
          url: callback.url,
          signature: signatureOf(callback),
          params: callback.params,
        }).ok,
      ).toBe(true);
    }
    expect(callbacks[2]?.params.RawDlrDoneDate).toMatch(/^\d{10}$/);
  });

  it('reports undelivered with ErrorCode 30003 when a delivery fault fires', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox();
    sandbox.admin.addFault({ route: 'delivery', kind: 'undelivered', times: 1 });
    await sandboxTwilioClient(sandbox).messages.create({
      to: HANDSET,
      from: NUMBER,
      body: 'Hi',
      statusCallback: `${app.url}/status`,
    });
    const callbacks = await app.waitFor(3);
    expect(callbacks[2]?.params).toMatchObject({ MessageStatus: 'undelivered', ErrorCode: '30003' });
  });

  it('includes MessagingServiceSid and the chosen sender when sent through a service', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({
      messagingServices: [{ sid: SERVICE_SID, phoneNumbers: [NUMBER] }],
    });
    await sandboxTwilioClient(sandbox).messages.create({
      to: HANDSET,
      messagingServiceSid: SERVICE_SID,
      body: 'Hi',
      statusCallback: `${app.url}/status`,
    });
    const callbacks = await app.waitFor(3);
    expect(callbacks.map((callback) => [callback.params.MessageStatus, callback.params.From])).toEqual([
      ['queued', NUMBER],
      ['sent', NUMBER],
      ['delivered', NUMBER],
    ]);
    expect(callbacks[0]?.params.MessagingServiceSid).toBe(SERVICE_SID);
  });
});
