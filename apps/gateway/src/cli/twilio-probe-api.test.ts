import { createSandbox, type Sandbox } from '@sms-channel/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwilioClient } from '../twilio/create-twilio-client.js';
import { TwilioApiError } from '../twilio/twilio-error.js';
import { createTwilioProbeApi } from './twilio-probe-api.js';

const WEBHOOK = 'https://assistant.example.com/webhooks/sms';
const SERVICE_SID = `MG${'b'.repeat(32)}`;

describe('createTwilioProbeApi (real twilio SDK against the sandbox)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = createSandbox({
      numbers: [{ phoneNumber: '+12025550100', smsUrl: WEBHOOK }, '+12025550111'],
      messagingServices: [
        {
          sid: SERVICE_SID,
          friendlyName: 'Assistant',
          phoneNumbers: ['+12025550111'],
          inboundRequestUrl: WEBHOOK,
        },
      ],
    });
    await sandbox.start();
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  const api = (authToken = sandbox.authToken) =>
    createTwilioClient({ accountSid: sandbox.accountSid, authToken, twilioApiBaseUrl: sandbox.url }).then(
      createTwilioProbeApi,
    );

  it('reads the Account', async () => {
    expect(await (await api()).fetchAccount(sandbox.accountSid)).toEqual({
      friendlyName: expect.any(String),
      status: 'active',
    });
  });

  it('finds a number with its SMS URL, and nothing for another number', async () => {
    const probe = await api();
    expect(await probe.findIncomingNumbers('+12025550100')).toEqual([
      { sid: expect.stringMatching(/^PN/), phoneNumber: '+12025550100', smsUrl: WEBHOOK },
    ]);
    expect(await probe.findIncomingNumbers('+12025550199')).toEqual([]);
  });

  it('reads a Messaging Service', async () => {
    expect(await (await api()).fetchMessagingService(SERVICE_SID)).toEqual({
      sid: SERVICE_SID,
      friendlyName: 'Assistant',
      inboundRequestUrl: WEBHOOK,
      useInboundWebhookOnNumber: false,
    });
  });

  it('fails with Twilio code 20003 for a wrong auth token', async () => {
    const probe = await api('0'.repeat(32));
    const error = await probe.fetchAccount(sandbox.accountSid).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TwilioApiError);
    expect((error as TwilioApiError).twilioCode).toBe(20003);
  });
});
