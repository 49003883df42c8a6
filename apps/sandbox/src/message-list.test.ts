import { describe, expect, it } from 'vitest';
import { startFastSandbox } from './__fixtures__/fast-sandbox.js';
import { basicAuthHeaders, sandboxTwilioClient } from './__fixtures__/twilio-client.js';
import type { Sandbox } from './create-sandbox.js';

const HANDSET = '+12025550142';
const OTHER_HANDSET = '+12025550143';
const NUMBER = '+12025550100';
const SECOND_NUMBER = '+12025550101';
const SERVICE_SID = `MG${'ab'.repeat(16)}`;

/** A clock the test moves by hand, so that messages are sent on chosen days. */
function manualClock(start: string) {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set(iso: string) {
      now = new Date(iso);
    },
  };
}

/** Sends through the SDK and waits until the message was sent (it has a date_sent), as seen by the sandbox. */
async function sendAndDeliver(sandbox: Sandbox, params: { to: string; from?: string; body: string }) {
  const created = await sandboxTwilioClient(sandbox).messages.create(params);
  await sandbox.phones.waitForMessage({ where: (m) => m.sid === created.sid, status: 'delivered' });
  return created.sid;
}

async function rejection(
  promise: Promise<unknown>,
): Promise<{ status: number; code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { status: number; code: number; message: string };
  }
  throw new Error('expected the request to fail');
}

function listUrl(sandbox: Sandbox, query: string) {
  return `${sandbox.url}/2010-04-01/Accounts/${sandbox.accountSid}/Messages.json?${query}`;
}

describe('Messages list filters through the real twilio SDK', () => {
  it('finds the messages to a handset from a number sent on or after a day (To, From, dateSentAfter)', async () => {
    const clock = manualClock('2026-11-25T12:00:00Z');
    const sandbox = await startFastSandbox({ now: clock.now, numbers: [NUMBER, SECOND_NUMBER] });
    await sendAndDeliver(sandbox, { to: HANDSET, from: NUMBER, body: 'day before' });
    clock.set('2026-11-26T09:00:00Z');
    await sendAndDeliver(sandbox, { to: HANDSET, from: NUMBER, body: 'first' });
    await sendAndDeliver(sandbox, { to: OTHER_HANDSET, from: NUMBER, body: 'other handset' });
    await sendAndDeliver(sandbox, { to: HANDSET, from: SECOND_NUMBER, body: 'other number' });
    clock.set('2026-11-27T09:00:00Z');
    await sendAndDeliver(sandbox, { to: HANDSET, from: NUMBER, body: 'second' });
    const listed = await sandboxTwilioClient(sandbox).messages.list({
      to: HANDSET,
      from: NUMBER,
      dateSentAfter: new Date('2026-11-26T00:00:00Z'),
    });
    expect(listed.map((message) => message.body)).toEqual(['second', 'first']);
  });

  it('reads dateSentAfter by its UTC day, as Twilio documents it: a later hour still finds that day', async () => {
    const clock = manualClock('2026-11-26T09:00:00Z');
    const sandbox = await startFastSandbox({ now: clock.now });
    await sendAndDeliver(sandbox, { to: HANDSET, from: NUMBER, body: 'morning' });
    const listed = await sandboxTwilioClient(sandbox).messages.list({
      to: HANDSET,
      dateSentAfter: new Date('2026-11-26T18:30:00Z'),
    });
    expect(listed.map((message) => message.body)).toEqual(['morning']);
  });

  it('finds the messages of one day with dateSent, and of that day and before with dateSentBefore', async () => {
    const clock = manualClock('2026-11-25T23:59:00Z');
    const sandbox = await startFastSandbox({ now: clock.now });
    await sendAndDeliver(sandbox, { to: HANDSET, from: NUMBER, body: 'tuesday' });
    clock.set('2026-11-26T23:59:00Z');
    await sendAndDeliver(sandbox, { to: HANDSET, from: NUMBER, body: 'wednesday' });
    clock.set('2026-11-27T00:01:00Z');
    await sendAndDeliver(sandbox, { to: HANDSET, from: NUMBER, body: 'thursday' });
    const client = sandboxTwilioClient(sandbox);
    const day = await client.messages.list({ dateSent: new Date('2026-11-26T10:00:00Z') });
    const before = await client.messages.list({ dateSentBefore: new Date('2026-11-26T00:00:00Z') });
    expect(day.map((message) => message.body)).toEqual(['wednesday']);
    expect(before.map((message) => message.body)).toEqual(['wednesday', 'tuesday']);
  });

  it('takes the documented date-only form written by hand (DateSent>=YYYY-MM-DD)', async () => {
    const clock = manualClock('2026-11-26T09:00:00Z');
    const sandbox = await startFastSandbox({ now: clock.now });
    await sendAndDeliver(sandbox, { to: HANDSET, from: NUMBER, body: 'hi' });
    const response = await fetch(listUrl(sandbox, 'DateSent%3E=2026-11-26&To=%2B12025550142'), {
      headers: basicAuthHeaders(sandbox),
    });
    const body = (await response.json()) as { messages: Array<{ body: string }>; uri: string };
    expect(body.messages.map((message) => message.body)).toEqual(['hi']);
    expect(body.uri).toContain('DateSent%3E=2026-11-26');
  });

  it('reads an unescaped + in To as the E.164 number it was meant to be', async () => {
    const sandbox = await startFastSandbox();
    await sendAndDeliver(sandbox, { to: HANDSET, from: NUMBER, body: 'hi' });
    const response = await fetch(listUrl(sandbox, 'To=+12025550142'), { headers: basicAuthHeaders(sandbox) });
    expect(((await response.json()) as { messages: unknown[] }).messages).toHaveLength(1);
  });

  it('keeps the filters on every page while the SDK follows next_page_uri', async () => {
    const clock = manualClock('2026-11-26T09:00:00Z');
    const sandbox = await startFastSandbox({ now: clock.now });
    for (const body of ['one', 'two', 'three', 'four', 'five'])
      await sendAndDeliver(sandbox, { to: HANDSET, from: NUMBER, body });
    await sendAndDeliver(sandbox, { to: OTHER_HANDSET, from: NUMBER, body: 'elsewhere' });
    const listed = await sandboxTwilioClient(sandbox).messages.list({
      to: HANDSET,
      dateSentAfter: new Date('2026-11-26T00:00:00Z'),
      pageSize: 2,
    });
    expect(listed.map((message) => message.body)).toEqual(['five', 'four', 'three', 'two', 'one']);
  });

  it('finds an accepted send again by To, From, dateSentAfter and its body, as a resumed sender does', async () => {
    const sandbox = await startFastSandbox();
    const intentDay = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
    const client = sandboxTwilioClient(sandbox);
    const sid = await sendAndDeliver(sandbox, { to: HANDSET, from: NUMBER, body: 'part 2/3 of the answer' });
    await sendAndDeliver(sandbox, { to: HANDSET, from: NUMBER, body: 'part 1/3 of the answer' });
    const candidates = await client.messages.list({ to: HANDSET, from: NUMBER, dateSentAfter: intentDay });
    expect(
      candidates.filter((message) => message.body === 'part 2/3 of the answer').map((m) => m.sid),
    ).toEqual([sid]);
  });
});

describe('messages sent through a Messaging Service, as the list shows them', () => {
  it('carry the pool number the service picked as from, and the service as messaging_service_sid', async () => {
    const sandbox = await startFastSandbox({
      messagingServices: [{ sid: SERVICE_SID, phoneNumbers: [NUMBER] }],
    });
    const client = sandboxTwilioClient(sandbox);
    const created = await client.messages.create({
      to: HANDSET,
      messagingServiceSid: SERVICE_SID,
      body: 'hi',
    });
    await sandbox.phones.waitForMessage({ where: (m) => m.sid === created.sid, status: 'delivered' });
    const [listed] = await client.messages.list({ to: HANDSET, from: NUMBER });
    expect(listed).toMatchObject({ sid: created.sid, from: NUMBER, messagingServiceSid: SERVICE_SID });
    expect(listed?.dateSent).toBeInstanceOf(Date);
  });

  it('show no from and no date_sent while the service has not picked a sender, so a date filter misses them', async () => {
    const sandbox = await startFastSandbox({
      deliveryDelayMs: 600_000,
      messagingServices: [{ sid: SERVICE_SID, phoneNumbers: [NUMBER] }],
    });
    const client = sandboxTwilioClient(sandbox);
    const created = await client.messages.create({
      to: HANDSET,
      messagingServiceSid: SERVICE_SID,
      body: 'hi',
    });
    const byTo = await client.messages.list({ to: HANDSET });
    const byDay = await client.messages.list({
      to: HANDSET,
      dateSentAfter: new Date('2000-01-01T00:00:00Z'),
    });
    expect(byTo).toMatchObject([{ sid: created.sid, from: null, status: 'accepted', dateSent: null }]);
    expect(byTo[0]?.messagingServiceSid).toBe(SERVICE_SID);
    expect(byDay).toEqual([]);
  });
});

describe('Messages list errors', () => {
  it('answers a DateSent> that is no date with 400 and code 20001 naming it', async () => {
    const sandbox = await startFastSandbox();
    const error = await rejection(
      sandboxTwilioClient(sandbox).messages.list({ dateSentAfter: 'yesterday' as unknown as Date }),
    );
    expect(error).toMatchObject({ status: 400, code: 20001 });
    expect(error.message).toContain('DateSent>');
  });

  it.each([
    ['DateSent=2026-13-45', 'DateSent'],
    ['DateSent%3C=soon', 'DateSent<'],
    ['DateSent=%3E%3D2026-11-26', 'DateSent'],
    ['PageSize=0', 'PageSize'],
    ['PageSize=lots', 'PageSize'],
    ['Page=first', 'Page'],
  ])('answers %s with 400, Twilio-shaped, naming %s', async (query, field) => {
    const sandbox = await startFastSandbox();
    const response = await fetch(listUrl(sandbox, query), { headers: basicAuthHeaders(sandbox) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      code: number;
      message: string;
      more_info: string;
      status: number;
    };
    expect(body).toMatchObject({
      code: 20001,
      status: 400,
      more_info: 'https://www.twilio.com/docs/errors/20001',
    });
    expect(body.message).toContain(field);
  });

  it('checks paging on the other lists too', async () => {
    const sandbox = await startFastSandbox();
    const response = await fetch(
      `${sandbox.url}/2010-04-01/Accounts/${sandbox.accountSid}/IncomingPhoneNumbers.json?PageSize=0`,
      { headers: basicAuthHeaders(sandbox) },
    );
    expect(response.status).toBe(400);
  });
});
