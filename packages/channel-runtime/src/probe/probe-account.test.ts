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
const APP_SID = `AP${'b'.repeat(32)}`;

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
      ['webhook-method', 'ok'],
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
    expect(result.checks.slice(2).map((check) => check.status)).toEqual(['skipped', 'skipped']);
  });

  it("fails when the number's SMS URL is not publicWebhookUrl, showing both and what to set", async () => {
    const result = await probe({}, { numbers: [number('https://old.example.com/sms')] });
    expect(result.ok).toBe(false);
    expect(result.checks[2]).toEqual({
      name: 'webhook-url',
      status: 'failed',
      detail: `number ${FROM_NUMBER} posts texts to https://old.example.com/sms, not publicWebhookUrl ${PUBLIC_URL}; set its "A message comes in" webhook to ${PUBLIC_URL}`,
    });
  });

  it('fails when the number has no SMS URL at all', async () => {
    const result = await probe({}, { numbers: [number('')] });
    expect(result.checks[2]?.detail).toBe(
      `number ${FROM_NUMBER} has no SMS webhook URL; set its "A message comes in" webhook to ${PUBLIC_URL}`,
    );
  });

  it("fails when the number's SMS webhook method is GET, saying to set it to POST", async () => {
    const result = await probe({}, { numbers: [{ ...number(PUBLIC_URL), smsMethod: 'GET' }] });
    expect(result.ok).toBe(false);
    expect(result.checks[2]?.status).toBe('ok');
    expect(result.checks[3]).toEqual({
      name: 'webhook-method',
      status: 'failed',
      detail: `number ${FROM_NUMBER} sends texts with HTTP GET, which the gateway answers with 405; set the method of its "A message comes in" webhook to HTTP POST`,
    });
  });

  it('checks the method even when publicWebhookUrl is not set', async () => {
    const result = await probe(
      { publicWebhookUrl: undefined },
      { numbers: [{ ...number('https://x.example/sms'), smsMethod: 'GET' }] },
    );
    expect(result.checks.slice(2).map((check) => check.status)).toEqual(['skipped', 'failed']);
  });

  describe("a TwiML App on the number (its SMS URL replaces the number's)", () => {
    const withApp = { ...number('https://unused.example.com/sms'), smsApplicationSid: APP_SID };
    const app = (smsUrl: string, smsMethod = 'POST') => ({
      [APP_SID]: { sid: APP_SID, friendlyName: 'Bot', smsUrl, smsMethod },
    });

    it("passes when the app posts to publicWebhookUrl, whatever the number's own URL", async () => {
      const result = await probe({}, { numbers: [withApp], applications: app(PUBLIC_URL) });
      expect(result.ok).toBe(true);
      expect(result.checks[2]?.detail).toBe(
        `TwiML App ${APP_SID} ("Bot"), which number ${FROM_NUMBER} hands its texts to in place of its own webhook, posts texts to ${PUBLIC_URL}`,
      );
    });

    it('fails when the app posts elsewhere, saying to change the app or take it off the number', async () => {
      const result = await probe(
        {},
        { numbers: [withApp], applications: app('https://old.example.com/sms') },
      );
      expect(result.checks[2]).toEqual({
        name: 'webhook-url',
        status: 'failed',
        detail: `TwiML App ${APP_SID} ("Bot"), which number ${FROM_NUMBER} hands its texts to in place of its own webhook, posts texts to https://old.example.com/sms, not publicWebhookUrl ${PUBLIC_URL}; set the app's Messaging Request URL to ${PUBLIC_URL}, or take the app off the number and set the number's "A message comes in" webhook`,
      });
    });

    it("fails when the app's method is GET", async () => {
      const result = await probe({}, { numbers: [withApp], applications: app(PUBLIC_URL, 'GET') });
      expect(result.checks[3]).toMatchObject({
        status: 'failed',
        detail: expect.stringContaining("set the method of the app's Messaging Request URL to HTTP POST"),
      });
    });
  });

  describe('a Messaging Service holding the number', () => {
    const pooled = (service: Record<string, unknown>): FakeTwilio => ({
      numbers: [number(PUBLIC_URL)],
      services: {
        [SERVICE_SID]: {
          sid: SERVICE_SID,
          friendlyName: 'Assistant',
          inboundRequestUrl: 'https://elsewhere.example.com/sms',
          inboundMethod: 'POST',
          useInboundWebhookOnNumber: false,
          ...service,
        },
      },
      serviceNumbers: { [SERVICE_SID]: [FROM_NUMBER] },
    });

    it("fails when the service takes the number's texts to another URL, naming the service and both fixes", async () => {
      const result = await probe({}, pooled({}));
      expect(result.ok).toBe(false);
      expect(result.checks[2]).toEqual({
        name: 'webhook-url',
        status: 'failed',
        detail: `Messaging Service ${SERVICE_SID} ("Assistant"), which receives the texts to ${FROM_NUMBER} in place of the number's own webhook, posts texts to https://elsewhere.example.com/sms, not publicWebhookUrl ${PUBLIC_URL}; set the service's inbound request URL (Integration: "Send a webhook") to ${PUBLIC_URL}, or have the service defer to each number's own webhook`,
      });
    });

    it("fails when the service's inbound method is GET", async () => {
      const result = await probe({}, pooled({ inboundRequestUrl: PUBLIC_URL, inboundMethod: 'GET' }));
      expect(result.checks.slice(2).map((check) => check.status)).toEqual(['ok', 'failed']);
    });

    it("uses the number's own webhook when the service defers to it", async () => {
      const result = await probe({}, pooled({ inboundRequestUrl: null, useInboundWebhookOnNumber: true }));
      expect(result.ok).toBe(true);
      expect(result.checks[2]?.detail).toBe(`number ${FROM_NUMBER} posts texts to ${PUBLIC_URL}`);
    });

    it('ignores a service whose pool does not hold the number', async () => {
      const result = await probe({}, { ...pooled({}), serviceNumbers: { [SERVICE_SID]: ['+12025550199'] } });
      expect(result.ok).toBe(true);
    });

    it('fails the webhook check with the reason when the services cannot be listed', async () => {
      const result = await probe({}, { ...pooled({}), services: new Error('HTTP 403') });
      expect(result.checks.slice(2)).toEqual([
        {
          name: 'webhook-url',
          status: 'failed',
          detail: 'could not tell where Twilio sends the texts: HTTP 403',
        },
        { name: 'webhook-method', status: 'skipped', detail: 'no webhook to read the method of' },
      ]);
    });
  });

  it('skips the URL comparison when publicWebhookUrl is not set, without failing', async () => {
    const result = await probe(
      { publicWebhookUrl: undefined },
      { numbers: [number('https://x.example/sms')] },
    );
    expect(result.ok).toBe(true);
    expect(result.checks[2]?.status).toBe('skipped');
  });

  it("checks a Messaging Service sender's inbound URL", async () => {
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
