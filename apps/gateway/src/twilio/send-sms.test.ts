import { createSandbox, DEFAULT_HANDSET, DEFAULT_NUMBER, type Sandbox } from '@sms-channel/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTwilioClient, type TwilioClient } from './create-twilio-client.js';
import { sendSms } from './send-sms.js';
import { TwilioSendError } from './twilio-error.js';

let sandbox: Sandbox;
let client: TwilioClient;
const waits: number[] = [];
const sleep = async (ms: number) => {
  waits.push(ms);
};

beforeAll(async () => {
  sandbox = createSandbox({ deliveryDelayMs: 5 });
  await sandbox.start();
  client = await createTwilioClient({ ...sandbox, twilioApiBaseUrl: sandbox.url });
});

afterAll(async () => {
  await sandbox.stop();
});

beforeEach(() => {
  sandbox.admin.reset();
  waits.length = 0;
});

const sms = { to: DEFAULT_HANDSET, from: DEFAULT_NUMBER, body: 'hello' };

describe('sendSms through the real twilio SDK', () => {
  it('sends one message and returns its SID and status', async () => {
    const sent = await sendSms(client, sms, { sleep });
    expect(sent).toMatchObject({
      sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      status: 'queued',
      attempts: 1,
    });
    expect(sandbox.messages.get(sent.sid)).toMatchObject({ body: 'hello', to: DEFAULT_HANDSET });
  });

  it('retries a 429 after waiting at least its Retry-After, then delivers once', async () => {
    sandbox.admin.addFault({
      route: 'messages.create',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 2,
      times: 1,
    });
    const sent = await sendSms(client, sms, { sleep });
    expect(sent.attempts).toBe(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
    expect(sandbox.messages.list().filter((message) => message.direction === 'outbound-api')).toHaveLength(1);
  });

  it('retries a 500 with backoff', async () => {
    sandbox.admin.addFault({ route: 'messages.create', kind: 'status', status: 500, times: 2 });
    const sent = await sendSms(client, sms, { sleep, baseDelayMs: 100 });
    expect(sent.attempts).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it('retries a dropped connection (no answer)', async () => {
    sandbox.admin.addFault({ route: 'messages.create', kind: 'drop', times: 1 });
    expect((await sendSms(client, sms, { sleep })).attempts).toBe(2);
  });

  it("gives up after maxAttempts with a retryable error carrying Twilio's code", async () => {
    sandbox.admin.addFault({ route: 'messages.create', kind: 'status', status: 429, retryAfterSeconds: 1 });
    const error = await sendSms(client, sms, { sleep, maxAttempts: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwilioSendError);
    expect(error).toMatchObject({ attempts: 3, retryable: true, twilioCode: 20429, retryAfterMs: 1000 });
  });

  it('does not wait out a Retry-After longer than maxRetryAfterMs: the queue waits instead', async () => {
    sandbox.admin.addFault({ route: 'messages.create', kind: 'status', status: 429, retryAfterSeconds: 120 });
    const error = await sendSms(client, sms, { sleep }).catch((e: unknown) => e);
    expect(error).toMatchObject({ attempts: 1, retryable: true, retryAfterMs: 120_000 });
    expect(waits).toEqual([]);
  });

  it('does not retry an invalid recipient (21211) and explains it', async () => {
    const error = await sendSms(client, { ...sms, to: '+1' }, { sleep }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwilioSendError);
    expect(error).toMatchObject({ attempts: 1, retryable: false, twilioCode: 21211, status: 400 });
    expect((error as Error).message).toContain('not a valid phone number');
  });

  it('does not retry a recipient who texted STOP (21610)', async () => {
    await sandbox.phones.send({ from: DEFAULT_HANDSET, body: 'STOP' });
    const error = await sendSms(client, sms, { sleep }).catch((e: unknown) => e);
    expect(error).toMatchObject({ twilioCode: 21610, retryable: false, attempts: 1 });
  });

  it('reports wrong credentials as 20003, final', async () => {
    const wrong = await createTwilioClient({
      ...sandbox,
      authToken: '0'.repeat(32),
      twilioApiBaseUrl: sandbox.url,
    });
    const error = await sendSms(wrong, sms, { sleep }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, twilioCode: 20003, retryable: false });
    expect((error as Error).message).not.toContain(sandbox.authToken);
  });

  it('sends through a Messaging Service when there is no from number', async () => {
    const serviceSandbox = createSandbox({
      messagingServices: [
        { sid: `MG${'a'.repeat(32)}`, friendlyName: 'svc', phoneNumbers: [DEFAULT_NUMBER] },
      ],
    });
    await serviceSandbox.start();
    try {
      const serviceClient = await createTwilioClient({
        ...serviceSandbox,
        twilioApiBaseUrl: serviceSandbox.url,
      });
      const sent = await sendSms(serviceClient, {
        to: DEFAULT_HANDSET,
        body: 'hi',
        messagingServiceSid: `MG${'a'.repeat(32)}`,
      });
      expect(sent.status).toBe('accepted');
    } finally {
      await serviceSandbox.stop();
    }
  });

  it('passes StatusCallback so Twilio reports delivery there', async () => {
    const sent = await sendSms(client, { ...sms, statusCallback: 'http://127.0.0.1:9/cb' }, { sleep });
    expect(sandbox.messages.get(sent.sid)).toBeDefined();
    const attempts = await waitFor(() =>
      sandbox.admin.webhookAttempts().filter((attempt) => attempt.kind === 'status'),
    );
    expect(attempts[0]?.url).toBe('http://127.0.0.1:9/cb');
  });
});

async function waitFor<T extends unknown[]>(read: () => T): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = read();
    if (value.length > 0) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return read();
}
