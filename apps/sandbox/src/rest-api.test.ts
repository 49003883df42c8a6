import { describe, expect, it } from 'vitest';
import { startFastSandbox } from './__fixtures__/fast-sandbox.js';
import { basicAuthHeaders, sandboxTwilioClient } from './__fixtures__/twilio-client.js';

const HANDSET = '+12025550142';
const SERVICE_SID = `MG${'ab'.repeat(16)}`;

async function rejection(
  promise: Promise<unknown>,
): Promise<{ status: number; code: number; moreInfo: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { status: number; code: number; moreInfo: string };
  }
  throw new Error('expected the request to fail');
}

describe('Messages REST API through the real twilio SDK', () => {
  it('creates a message and answers 201 with a queued Twilio message resource', async () => {
    const sandbox = await startFastSandbox();
    const client = sandboxTwilioClient(sandbox);
    const message = await client.messages.create({
      to: HANDSET,
      from: sandbox.numbers[0]?.phoneNumber,
      body: 'Hi',
    });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message.status).toBe('queued');
    expect(message.accountSid).toBe(sandbox.accountSid);
    expect(message.direction).toBe('outbound-api');
    expect(message.numSegments).toBe('1');
    expect(message.numMedia).toBe('0');
    expect(message.apiVersion).toBe('2010-04-01');
    expect(message.dateCreated).toBeInstanceOf(Date);
    expect(Number.isNaN(message.dateCreated.getTime())).toBe(false);
    expect(message.uri).toBe(`/2010-04-01/Accounts/${sandbox.accountSid}/Messages/${message.sid}.json`);
    expect(message.subresourceUris).toEqual({
      media: `/2010-04-01/Accounts/${sandbox.accountSid}/Messages/${message.sid}/Media.json`,
    });
  });

  it('writes dates the way Twilio does (RFC 2822 with +0000)', async () => {
    const sandbox = await startFastSandbox({ now: () => new Date('2026-11-26T15:00:00Z') });
    const response = await fetch(`${sandbox.url}/2010-04-01/Accounts/${sandbox.accountSid}/Messages.json`, {
      method: 'POST',
      headers: {
        ...basicAuthHeaders(sandbox),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ To: HANDSET, From: '+12025550100', Body: 'Hi' }).toString(),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.date_created).toBe('Thu, 26 Nov 2026 15:00:00 +0000');
    expect(body.date_sent).toBeNull();
    expect(body.price).toBeNull();
  });

  it('counts segments with Twilio rules: 161 GSM-7 characters are 2 segments, one emoji makes UCS-2', async () => {
    const sandbox = await startFastSandbox();
    const client = sandboxTwilioClient(sandbox);
    const long = await client.messages.create({ to: HANDSET, from: '+12025550100', body: 'a'.repeat(161) });
    const emoji = await client.messages.create({
      to: HANDSET,
      from: '+12025550100',
      body: `${'a'.repeat(69)}🙂`,
    });
    expect(long.numSegments).toBe('2');
    expect(emoji.numSegments).toBe('2');
  });

  it('fetches a message, whose status moves on to delivered with a date_sent', async () => {
    const sandbox = await startFastSandbox();
    const client = sandboxTwilioClient(sandbox);
    const created = await client.messages.create({ to: HANDSET, from: '+12025550100', body: 'Hi' });
    await sandbox.phones.waitForMessage({ where: (m) => m.sid === created.sid, status: 'delivered' });
    const fetched = await client.messages(created.sid).fetch();
    expect(fetched.sid).toBe(created.sid);
    expect(fetched.status).toBe('delivered');
    expect(fetched.dateSent).toBeInstanceOf(Date);
    expect(fetched.body).toBe('Hi');
  });

  it('lists messages newest first, filtered by To, following next_page_uri across pages', async () => {
    const sandbox = await startFastSandbox();
    const client = sandboxTwilioClient(sandbox);
    for (const body of ['one', 'two', 'three', 'four', 'five']) {
      await client.messages.create({ to: HANDSET, from: '+12025550100', body });
    }
    await client.messages.create({ to: '+12025550199', from: '+12025550100', body: 'other handset' });
    const listed = await client.messages.list({ to: HANDSET, pageSize: 2 });
    expect(listed.map((message) => message.body)).toEqual(['five', 'four', 'three', 'two', 'one']);
  });

  it('answers a list page in Twilio list shape', async () => {
    const sandbox = await startFastSandbox();
    const client = sandboxTwilioClient(sandbox);
    for (const body of ['one', 'two', 'three'])
      await client.messages.create({ to: HANDSET, from: '+12025550100', body });
    const page = await client.messages.page({ to: HANDSET, pageSize: 2 });
    expect(page.instances.map((message) => message.body)).toEqual(['three', 'two']);
    expect(page.nextPageUrl).toMatch(/Page=1/);
    expect(page.nextPageUrl).toMatch(/PageToken=PASM[0-9a-f]{32}/);
    const next = await page.nextPage();
    expect(next?.instances.map((message) => message.body)).toEqual(['one']);
    expect(next?.nextPageUrl).toBeUndefined();
  });

  it('lists the numbers with their sms_url, so a --probe can compare it with the public webhook URL', async () => {
    const sandbox = await startFastSandbox({ webhookUrl: 'https://gateway.example/webhooks/sms' });
    const client = sandboxTwilioClient(sandbox);
    const numbers = await client.incomingPhoneNumbers.list({ phoneNumber: '+12025550100' });
    expect(numbers).toHaveLength(1);
    expect(numbers[0]?.phoneNumber).toBe('+12025550100');
    expect(numbers[0]?.smsUrl).toBe('https://gateway.example/webhooks/sms');
    expect(numbers[0]?.sid).toMatch(/^PN[0-9a-f]{32}$/);
    expect(numbers[0]?.capabilities.sms).toBe(true);
  });

  it("updates a number's sms_url through the SDK", async () => {
    const sandbox = await startFastSandbox();
    const client = sandboxTwilioClient(sandbox);
    const [number] = await client.incomingPhoneNumbers.list();
    const updated = await client
      .incomingPhoneNumbers(number?.sid ?? '')
      .update({ smsUrl: 'https://x.example/sms' });
    expect(updated.smsUrl).toBe('https://x.example/sms');
    expect(sandbox.numbers[0]?.smsUrl).toBe('https://x.example/sms');
  });

  it('refuses a number update whose SmsUrl is not an http(s) URL with 21609, changing nothing', async () => {
    const sandbox = await startFastSandbox({ webhookUrl: 'https://gateway.example/sms' });
    const client = sandboxTwilioClient(sandbox);
    const [number] = await client.incomingPhoneNumbers.list();
    const error = await rejection(
      client.incomingPhoneNumbers(number?.sid ?? '').update({ smsUrl: 'nope', friendlyName: 'Renamed' }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe(21609);
    expect(sandbox.numbers[0]).toMatchObject({
      smsUrl: 'https://gateway.example/sms',
      friendlyName: '(202) 555-0100',
    });
  });

  it("clears a number's sms_url when the update gives an empty SmsUrl", async () => {
    const sandbox = await startFastSandbox({ webhookUrl: 'https://gateway.example/sms' });
    const client = sandboxTwilioClient(sandbox);
    const [number] = await client.incomingPhoneNumbers.list();
    const updated = await client.incomingPhoneNumbers(number?.sid ?? '').update({ smsUrl: '' });
    expect(updated.smsUrl).toBe('');
    expect(sandbox.numbers[0]?.smsUrl).toBeNull();
  });

  it('fetches the account, which is how a client checks its credentials', async () => {
    const sandbox = await startFastSandbox();
    const account = await sandboxTwilioClient(sandbox).api.v2010.accounts(sandbox.accountSid).fetch();
    expect(account.sid).toBe(sandbox.accountSid);
    expect(account.status).toBe('active');
  });

  it('sends through a Messaging Service: accepted without a sender, then the pool number sends it', async () => {
    const sandbox = await startFastSandbox({
      messagingServices: [{ sid: SERVICE_SID, phoneNumbers: ['+12025550100'] }],
    });
    const client = sandboxTwilioClient(sandbox);
    const created = await client.messages.create({
      to: HANDSET,
      messagingServiceSid: SERVICE_SID,
      body: 'Hi',
    });
    expect(created.status).toBe('accepted');
    expect(created.from).toBeNull();
    expect(created.numSegments).toBe('0');
    expect(created.messagingServiceSid).toBe(SERVICE_SID);
    const delivered = await sandbox.phones.waitForMessage({
      where: (m) => m.sid === created.sid,
      status: 'delivered',
    });
    expect(delivered.from).toBe('+12025550100');
    expect(delivered.numSegments).toBe(1);
  });

  it('knows Messaging Services by SID on the v1 API, with their phone numbers', async () => {
    const sandbox = await startFastSandbox({
      messagingServices: [{ sid: SERVICE_SID, friendlyName: 'Assistant', phoneNumbers: ['+12025550100'] }],
    });
    const client = sandboxTwilioClient(sandbox);
    const service = await client.messaging.v1.services(SERVICE_SID).fetch();
    expect(service.sid).toBe(SERVICE_SID);
    expect(service.friendlyName).toBe('Assistant');
    const numbers = await client.messaging.v1.services(SERVICE_SID).phoneNumbers.list();
    expect(numbers.map((number) => number.phoneNumber)).toEqual(['+12025550100']);
  });
});

describe('Twilio errors', () => {
  const cases: Array<{ name: string; params: Record<string, unknown>; code: number }> = [
    {
      name: 'an invalid To is 21211',
      params: { to: '555-1234', from: '+12025550100', body: 'x' },
      code: 21211,
    },
    {
      name: 'a From that is not a sandbox number is 21606',
      params: { to: HANDSET, from: '+12025550177', body: 'x' },
      code: 21606,
    },
    { name: 'no From and no MessagingServiceSid is 21603', params: { to: HANDSET, body: 'x' }, code: 21603 },
    {
      name: 'an unknown MessagingServiceSid is 21701',
      params: { to: HANDSET, messagingServiceSid: `MG${'0'.repeat(32)}`, body: 'x' },
      code: 21701,
    },
    { name: 'no Body and no MediaUrl is 21602', params: { to: HANDSET, from: '+12025550100' }, code: 21602 },
    {
      name: 'a Body over 1,600 characters is 21617',
      params: { to: HANDSET, from: '+12025550100', body: 'x'.repeat(1601) },
      code: 21617,
    },
    {
      name: 'a To equal to From is 21266',
      params: { to: '+12025550100', from: '+12025550100', body: 'x' },
      code: 21266,
    },
    {
      name: 'a MediaUrl that is not http(s) is 21620',
      params: { to: HANDSET, from: '+12025550100', mediaUrl: ['ftp://x/y.png'] },
      code: 21620,
    },
    {
      name: 'a StatusCallback that is not a URL is 21609',
      params: { to: HANDSET, from: '+12025550100', body: 'x', statusCallback: 'nope' },
      code: 21609,
    },
  ];
  for (const { name, params, code } of cases) {
    it(`${name} (400, Twilio-shaped)`, async () => {
      const sandbox = await startFastSandbox();
      const client = sandboxTwilioClient(sandbox);
      const error = await rejection(client.messages.create(params as never));
      expect(error.status).toBe(400);
      expect(error.code).toBe(code);
      expect(error.moreInfo).toBe(`https://www.twilio.com/docs/errors/${code}`);
    });
  }

  it('accepts exactly 1,600 characters', async () => {
    const sandbox = await startFastSandbox();
    const created = await sandboxTwilioClient(sandbox).messages.create({
      to: HANDSET,
      from: '+12025550100',
      body: 'x'.repeat(1600),
    });
    expect(created.numSegments).toBe('11');
  });

  it('a wrong auth token is 401 with code 20003', async () => {
    const sandbox = await startFastSandbox();
    const client = sandboxTwilioClient(sandbox, { authToken: 'wrong' });
    const error = await rejection(client.messages.list());
    expect(error.status).toBe(401);
    expect(error.code).toBe(20003);
  });

  it('a path naming another account is 401 with code 20003', async () => {
    const sandbox = await startFastSandbox();
    const response = await fetch(`${sandbox.url}/2010-04-01/Accounts/AC${'1'.repeat(32)}/Messages.json`, {
      headers: {
        ...basicAuthHeaders(sandbox),
      },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 20003, status: 401 });
  });

  it('an unknown message SID is 404 with code 20404', async () => {
    const sandbox = await startFastSandbox();
    const error = await rejection(
      sandboxTwilioClient(sandbox)
        .messages(`SM${'0'.repeat(32)}`)
        .fetch(),
    );
    expect(error.status).toBe(404);
    expect(error.code).toBe(20404);
  });

  it('the error body has exactly code, message, more_info and status', async () => {
    const sandbox = await startFastSandbox();
    const response = await fetch(`${sandbox.url}/2010-04-01/Accounts/${sandbox.accountSid}/Messages.json`, {
      method: 'POST',
      headers: { authorization: 'Basic bm9wZTpub3Bl' },
    });
    expect(Object.keys((await response.json()) as object).sort()).toEqual([
      'code',
      'message',
      'more_info',
      'status',
    ]);
  });

  it('a wrong method on a known resource is 405 with an Allow header', async () => {
    const sandbox = await startFastSandbox();
    const response = await fetch(`${sandbox.url}/2010-04-01/Accounts/${sandbox.accountSid}/Messages.json`, {
      method: 'DELETE',
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, GET');
  });

  it('a form body over 1 MiB is 413 with a Twilio-shaped body, and nothing is sent', async () => {
    const sandbox = await startFastSandbox();
    const response = await fetch(`${sandbox.url}/2010-04-01/Accounts/${sandbox.accountSid}/Messages.json`, {
      method: 'POST',
      headers: { ...basicAuthHeaders(sandbox), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        To: HANDSET,
        From: '+12025550100',
        Body: 'x'.repeat(1_048_576),
      }).toString(),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      code: 20500,
      message: 'Request body too large',
      status: 413,
    });
    expect(sandbox.messages.list()).toEqual([]);
  });
});
