import { resolveSmsAccount } from '@sms-channel/config';
import { TwilioApiError } from '@sms-channel/twilio-messaging';
import { describe, expect, it } from 'vitest';
import { createFakeProbeApi, type FakeTwilio } from '../testing/fake-probe-api.js';
import { probeAccount } from './probe-account.js';

const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const AUTH_TOKEN = '2'.repeat(32);
const FROM_NUMBER = '+12025550100';

const PUBLIC_URL = 'https://assistant.example.com/webhooks/sms';
const SERVICE_SID = `MG${'a'.repeat(32)}`;

function account(sms: Record<string, unknown> = {}) {
  const base = {
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    fromNumber: FROM_NUMBER,
    publicWebhookUrl: PUBLIC_URL,
  };
  return resolveSmsAccount({ channels: { sms: { ...base, ...sms } } }, undefined, {});
}

const number = (smsUrl: string) => ({
  sid: `PN${'0'.repeat(32)}`,
  phoneNumber: FROM_NUMBER,
  smsUrl,
  smsMethod: 'POST',
  smsApplicationSid: null,
});
const probe = (sms: Record<string, unknown>, fake: FakeTwilio, timeoutMs?: number) =>
  probeAccount(account(sms), async () => createFakeProbeApi(fake), { timeoutMs });

describe('probeAccount', () => {
  it('is ok when the credentials work, the number exists and posts to publicWebhookUrl', async () => {
    const result = await probe({}, { numbers: [number(PUBLIC_URL)] });
    expect(result.ok).toBe(true);
    expect(result.checks.map((check) => [check.name, check.status])).toEqual([
      ['credentials', 'ok'],
      ['sender', 'ok'],
      ['webhook-url', 'ok'],
    ]);
  });

  it('fails on credentials Twilio rejects and checks nothing else', async () => {
    const rejected = new TwilioApiError({ status: 401, twilioCode: 20003, twilioMessage: 'Authenticate' });
    const result = await probe({}, { account: rejected, numbers: [number(PUBLIC_URL)] });
    expect(result.ok).toBe(false);
    expect(result.checks).toEqual([
      { name: 'credentials', status: 'failed', detail: expect.stringContaining('code 20003') },
    ]);
  });

  it('fails on a suspended account', async () => {
    const result = await probe({}, { account: { friendlyName: 'Mine', status: 'suspended' } });
    expect(result.checks).toEqual([
      { name: 'credentials', status: 'failed', detail: 'account "Mine" is suspended' },
    ]);
  });

  it('fails when fromNumber is not a number of the account', async () => {
    const result = await probe({}, { numbers: [] });
    expect(result.ok).toBe(false);
    expect(result.checks[1]).toEqual({
      name: 'sender',
      status: 'failed',
      detail: `fromNumber ${FROM_NUMBER} is not a phone number of account ${ACCOUNT_SID}`,
    });
    expect(result.checks[2]?.status).toBe('skipped');
  });

  it("fails when the number's SMS URL is not publicWebhookUrl, showing both", async () => {
    const result = await probe({}, { numbers: [number('https://old.example.com/sms')] });
    expect(result.ok).toBe(false);
    expect(result.checks[2]).toEqual({
      name: 'webhook-url',
      status: 'failed',
      detail: `number ${FROM_NUMBER} posts texts to https://old.example.com/sms, not publicWebhookUrl ${PUBLIC_URL}`,
    });
  });

  it('fails when the number has no SMS URL at all', async () => {
    const result = await probe({}, { numbers: [number('')] });
    expect(result.checks[2]?.detail).toBe(
      `number ${FROM_NUMBER} has no SMS webhook URL; set it to ${PUBLIC_URL}`,
    );
  });

  it('skips the URL comparison when publicWebhookUrl is not set, without failing', async () => {
    const result = await probe(
      { publicWebhookUrl: undefined },
      { numbers: [number('https://x.example/sms')] },
    );
    expect(result.ok).toBe(true);
    expect(result.checks[2]?.status).toBe('skipped');
  });

  it("checks a Messaging Service's inbound URL", async () => {
    const service = {
      sid: SERVICE_SID,
      friendlyName: 'Assistant',
      inboundRequestUrl: PUBLIC_URL,
      inboundMethod: 'POST',
      useInboundWebhookOnNumber: false,
    };
    const ok = await probe(
      { fromNumber: undefined, messagingServiceSid: SERVICE_SID },
      { services: { [SERVICE_SID]: service } },
    );
    expect(ok.ok).toBe(true);
    expect(ok.checks[1]?.detail).toBe(`Messaging Service ${SERVICE_SID} ("Assistant") exists`);
    const perNumber = await probe(
      { fromNumber: undefined, messagingServiceSid: SERVICE_SID },
      {
        services: { [SERVICE_SID]: { ...service, inboundRequestUrl: null, useInboundWebhookOnNumber: true } },
      },
    );
    expect(perNumber.checks[2]?.status).toBe('skipped');
  });

  it('fails when the Messaging Service does not exist', async () => {
    const result = await probe({ fromNumber: undefined, messagingServiceSid: SERVICE_SID }, { services: {} });
    expect(result.ok).toBe(false);
    expect(result.checks[1]?.status).toBe('failed');
  });

  it('fails an incomplete account without calling Twilio', async () => {
    let called = false;
    const result = await probeAccount(account({ authToken: undefined }), async () => {
      called = true;
      return createFakeProbeApi({});
    });
    expect(called).toBe(false);
    expect(result.checks).toEqual([{ name: 'credentials', status: 'failed', detail: 'missing authToken' }]);
  });

  it('gives up on a call that does not answer within the timeout', async () => {
    const result = await probe({}, { hang: true }, 20);
    expect(result.checks).toEqual([
      {
        name: 'credentials',
        status: 'failed',
        detail: 'no answer from Twilio to the Account fetch within 20 ms',
      },
    ]);
  });
});
