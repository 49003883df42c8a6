import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_APP_SID,
  FAKE_NUMBER,
  FAKE_SERVICE_SID,
  FAKE_WEBHOOK,
  type FakeTwilioApi,
  startFakeTwilioApi,
} from './__fixtures__/fake-twilio-api.js';
import { isTwilioApiError } from './twilio-api-error.js';
import { createTwilioRestClient } from './twilio-rest-client.js';

describe('createTwilioRestClient (real twilio SDK against a Twilio stand-in)', () => {
  let twilio: FakeTwilioApi;
  beforeAll(async () => {
    twilio = await startFakeTwilioApi();
  });
  afterAll(async () => {
    await twilio.close();
  });

  const api = (authToken = twilio.authToken) =>
    createTwilioRestClient({ accountSid: twilio.accountSid, authToken, twilioApiBaseUrl: twilio.url });

  it('makes no request until it is used', () => {
    const before = twilio.requests.length;
    api();
    expect(twilio.requests.length).toBe(before);
  });

  it('reads the Account', async () => {
    expect(await api().fetchAccount()).toEqual({ friendlyName: 'Fake account', status: 'active' });
  });

  it('finds a number with its SMS URL, method and TwiML App, and nothing for another number', async () => {
    expect(await api().findIncomingNumbers(FAKE_NUMBER)).toEqual([
      {
        sid: expect.stringMatching(/^PN/),
        phoneNumber: FAKE_NUMBER,
        smsUrl: FAKE_WEBHOOK,
        smsMethod: 'POST',
        smsApplicationSid: null,
      },
    ]);
    expect(await api().findIncomingNumbers('+12025550199')).toEqual([]);
  });

  it('reads a Messaging Service through the messaging.twilio.com host, rewritten to the base URL', async () => {
    expect(await api().fetchMessagingService(FAKE_SERVICE_SID)).toEqual({
      sid: FAKE_SERVICE_SID,
      friendlyName: 'Assistant',
      inboundRequestUrl: FAKE_WEBHOOK,
      inboundMethod: 'POST',
      useInboundWebhookOnNumber: false,
    });
  });

  it("lists the account's Messaging Services and the numbers in a service's sender pool", async () => {
    const client = api();
    expect((await client.listMessagingServices()).map((service) => service.sid)).toEqual([FAKE_SERVICE_SID]);
    expect(await client.listMessagingServiceNumbers(FAKE_SERVICE_SID)).toEqual([
      { sid: expect.stringMatching(/^PN/), phoneNumber: FAKE_NUMBER },
    ]);
  });

  it("reads a TwiML App's SMS URL and method", async () => {
    expect(await api().fetchApplication(FAKE_APP_SID)).toEqual({
      sid: FAKE_APP_SID,
      friendlyName: 'Assistant app',
      smsUrl: FAKE_WEBHOOK,
      smsMethod: 'GET',
    });
  });

  it('creates a message and lists it back by recipient', async () => {
    const client = api();
    const created = await client.createMessage({ to: '+12025550142', from: FAKE_NUMBER, body: 'hi there' });
    expect(created).toMatchObject({ to: '+12025550142', from: FAKE_NUMBER, body: 'hi there', numMedia: 0 });
    const listed = await client.listMessages({ to: '+12025550142', dateSentAfter: new Date() });
    expect(listed.map((message) => message.sid)).toContain(created.sid);
    const list = twilio.requests.filter(
      (request) => request.method === 'GET' && request.path.includes('Messages'),
    );
    expect(list.at(-1)?.path).toMatch(/DateSent%3E=\d{4}-\d{2}-\d{2}/);
  });

  it('fails with Twilio code 20003 for a wrong auth token', async () => {
    const error = await api('0'.repeat(32))
      .fetchAccount()
      .catch((thrown: unknown) => thrown);
    expect(isTwilioApiError(error)).toBe(true);
    expect(error).toMatchObject({ twilioCode: 20003, status: 401 });
  });
});

describe('TwilioRestClient.close', () => {
  // A Twilio stand-in of their own: connections kept alive by other tests' clients would stay open on a shared one.
  let twilio: FakeTwilioApi;
  beforeEach(async () => {
    twilio = await startFakeTwilioApi();
  });
  afterEach(async () => {
    await twilio.close();
  });

  const api = () =>
    createTwilioRestClient({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      twilioApiBaseUrl: twilio.url,
    });

  it('ends a call still waiting for Twilio: it fails as unanswered instead of running on', async () => {
    twilio.queue({ kind: 'hang' });
    const client = api();
    const sending = client
      .createMessage({ to: '+12025550142', from: FAKE_NUMBER, body: 'hi' })
      .catch((thrown: unknown) => thrown);
    await twilio.waitForRequests(1);
    await client.close();
    const error = await sending;
    expect(isTwilioApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 0 });
    await twilio.waitForNoConnections();
  });

  it('closes the connection a finished call kept alive', async () => {
    const client = api();
    await client.fetchAccount();
    await client.close();
    await twilio.waitForNoConnections();
  });

  it('fails a call made after close as unanswered, without connecting', async () => {
    const client = api();
    await client.fetchAccount();
    await client.close();
    const before = twilio.requests.length;
    const error = await client.fetchAccount().catch((thrown: unknown) => thrown);
    expect(isTwilioApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 0 });
    expect(twilio.requests.length).toBe(before);
  });

  it('ends a call that was on its way to a connection when the client closed', async () => {
    twilio.queue({ kind: 'hang' });
    const client = api();
    // The call waits for the SDK to load, then for its request to be built: close lands in between.
    const sending = client
      .createMessage({ to: '+12025550142', from: FAKE_NUMBER, body: 'hi' })
      .catch((thrown: unknown) => thrown);
    await client.close();
    expect(isTwilioApiError(await sending)).toBe(true);
    await twilio.waitForNoConnections();
  });
});
