import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_NUMBER, type FakeTwilioApi, startFakeTwilioApi } from './__fixtures__/fake-twilio-api.js';
import { isTwilioMessagingArgumentError } from './errors.js';
import { sendMessage } from './send-message.js';
import { isTwilioSendError } from './twilio-api-error.js';
import { createTwilioRestClient, type TwilioRestClient } from './twilio-rest-client.js';

let twilio: FakeTwilioApi;
let client: TwilioRestClient;
const waits: number[] = [];
const sleep = async (ms: number) => {
  waits.push(ms);
};
const HANDSET = '+12025550142';
const sms = { to: HANDSET, from: FAKE_NUMBER, body: 'hello' };

beforeAll(async () => {
  twilio = await startFakeTwilioApi();
  client = createTwilioRestClient({ ...twilio, twilioApiBaseUrl: twilio.url });
});

afterAll(async () => {
  await twilio.close();
});

beforeEach(() => {
  twilio.requests.length = 0;
  twilio.messages.length = 0;
  waits.length = 0;
});

const creates = () => twilio.requests.filter((request) => request.method === 'POST');

describe('sendMessage through the real twilio SDK', () => {
  it('sends one message and returns its SID and status', async () => {
    const sent = await sendMessage(client, sms, { sleep });
    expect(sent).toMatchObject({
      sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      status: 'queued',
      attempts: 1,
    });
    expect(creates()[0]?.form.get('Body')).toBe('hello');
    expect(creates()[0]?.form.get('From')).toBe(FAKE_NUMBER);
  });

  it('retries a 429 after waiting at least its Retry-After, then sends once', async () => {
    twilio.queue({ kind: 'error', status: 429, code: 20429, retryAfterSeconds: 2 });
    const sent = await sendMessage(client, sms, { sleep });
    expect(sent.attempts).toBe(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
    expect(twilio.messages).toHaveLength(1);
  });

  it('retries a 500 with backoff', async () => {
    twilio.queue({ kind: 'error', status: 500, code: 20500 }, { kind: 'error', status: 500, code: 20500 });
    const sent = await sendMessage(client, sms, { sleep, baseDelayMs: 100 });
    expect(sent.attempts).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it('retries a dropped connection (no answer)', async () => {
    twilio.queue({ kind: 'drop' });
    expect((await sendMessage(client, sms, { sleep })).attempts).toBe(2);
  });

  it("gives up after maxAttempts with a retryable error carrying Twilio's code", async () => {
    const busy = { kind: 'error', status: 429, code: 20429, retryAfterSeconds: 1 } as const;
    twilio.queue(busy, busy, busy);
    const error = await sendMessage(client, sms, { sleep, maxAttempts: 3 }).catch((e: unknown) => e);
    expect(isTwilioSendError(error)).toBe(true);
    expect(error).toMatchObject({ attempts: 3, retryable: true, twilioCode: 20429, retryAfterMs: 1000 });
  });

  it('does not wait out a Retry-After longer than maxRetryAfterMs: the queue waits instead', async () => {
    twilio.queue({ kind: 'error', status: 429, code: 20429, retryAfterSeconds: 120 });
    const error = await sendMessage(client, sms, { sleep }).catch((e: unknown) => e);
    expect(error).toMatchObject({ attempts: 1, retryable: true, retryAfterMs: 120_000 });
    expect(waits).toEqual([]);
  });

  it('does not retry an invalid recipient (21211) and explains it', async () => {
    const error = await sendMessage(client, { ...sms, to: '+1' }, { sleep }).catch((e: unknown) => e);
    expect(isTwilioSendError(error)).toBe(true);
    expect(error).toMatchObject({ attempts: 1, retryable: false, twilioCode: 21211, status: 400 });
    expect((error as Error).message).toContain('not a valid phone number');
  });

  it('does not retry a recipient who texted STOP (21610)', async () => {
    twilio.queue({ kind: 'error', status: 400, code: 21610 });
    const error = await sendMessage(client, sms, { sleep }).catch((e: unknown) => e);
    expect(error).toMatchObject({ twilioCode: 21610, retryable: false, attempts: 1 });
  });

  it('reports wrong credentials as 20003, final, without the token in the message', async () => {
    const wrong = createTwilioRestClient({
      ...twilio,
      authToken: '0'.repeat(32),
      twilioApiBaseUrl: twilio.url,
    });
    const error = await sendMessage(wrong, sms, { sleep }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, twilioCode: 20003, retryable: false });
    expect((error as Error).message).not.toContain(twilio.authToken);
  });

  it('sends through a Messaging Service when there is no from number', async () => {
    const service = `MG${'a'.repeat(32)}`;
    const sent = await sendMessage(client, { to: HANDSET, body: 'hi', messagingServiceSid: service });
    expect(sent.status).toBe('accepted');
    expect(creates()[0]?.form.get('MessagingServiceSid')).toBe(service);
    expect(creates()[0]?.form.has('From')).toBe(false);
  });

  it('uses the from number when both a number and a Messaging Service are given', async () => {
    await sendMessage(client, { ...sms, messagingServiceSid: `MG${'a'.repeat(32)}` });
    expect(creates()[0]?.form.get('From')).toBe(FAKE_NUMBER);
    expect(creates()[0]?.form.has('MessagingServiceSid')).toBe(false);
  });

  it('passes StatusCallback and every MediaUrl', async () => {
    await sendMessage(client, {
      ...sms,
      statusCallback: 'https://assistant.example.com/cb',
      mediaUrls: ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.png'],
    });
    const form = creates()[0]?.form;
    expect(form?.get('StatusCallback')).toBe('https://assistant.example.com/cb');
    expect(form?.getAll('MediaUrl')).toEqual([
      'https://cdn.example.com/a.jpg',
      'https://cdn.example.com/b.png',
    ]);
  });

  it('adopts a message Twilio accepted without answering, instead of sending it again', async () => {
    twilio.queue({ kind: 'accept-then-drop' });
    let looked = 0;
    const sent = await sendMessage(client, sms, {
      sleep,
      findAccepted: async () => {
        looked += 1;
        return (await client.listMessages({ to: HANDSET })).find((message) => message.body === 'hello');
      },
    });
    expect(looked).toBe(1);
    expect(twilio.messages).toHaveLength(1);
    expect(sent).toMatchObject({ sid: twilio.messages[0]?.sid, attempts: 1 });
  });

  it('sends again after an unanswered attempt when the message is not in Twilio', async () => {
    twilio.queue({ kind: 'drop' });
    const sent = await sendMessage(client, sms, { sleep, findAccepted: async () => undefined });
    expect(sent.attempts).toBe(2);
    expect(twilio.messages).toHaveLength(1);
  });

  it('sends twice after an accepted but unanswered attempt when nobody looks (why findAccepted exists)', async () => {
    twilio.queue({ kind: 'accept-then-drop' });
    await sendMessage(client, sms, { sleep });
    expect(twilio.messages).toHaveLength(2);
  });

  it('refuses a message without a sender before any request', async () => {
    const error = await sendMessage(client, { to: HANDSET, body: 'x' }).catch((thrown: unknown) => thrown);
    expect(isTwilioMessagingArgumentError(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'from', message: expect.stringMatching(/needs a sender/) });
    expect(twilio.requests).toEqual([]);
  });
});
