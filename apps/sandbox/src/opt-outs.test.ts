import { describe, expect, it } from 'vitest';
import { startFastSandbox } from './__fixtures__/fast-sandbox.js';
import { sandboxTwilioClient } from './__fixtures__/twilio-client.js';
import { startTestWebhookReceiver } from './__fixtures__/webhook-receiver.js';

const HANDSET = '+12025550142';
const NUMBER = '+12025550100';
const SERVICE_SID = `MG${'ef'.repeat(16)}`;

async function rejectionCode(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: number }).code;
  }
}

describe("Twilio's default STOP / START / HELP handling", () => {
  it('blocks further messages to a handset that texted STOP with error 21610', async () => {
    const sandbox = await startFastSandbox();
    await sandbox.phones.send({ from: HANDSET, body: 'stop' });
    const code = await rejectionCode(
      sandboxTwilioClient(sandbox).messages.create({ to: HANDSET, from: NUMBER, body: 'still there?' }),
    );
    expect(code).toBe(21610);
    expect(sandbox.phones.isOptedOut(HANDSET)).toBe(true);
  });

  it('answers STOP with an automatic reply from the number', async () => {
    const sandbox = await startFastSandbox();
    const result = await sandbox.phones.send({ from: HANDSET, body: ' Unsubscribe ' });
    expect(result.optOutType).toBe('STOP');
    expect(result.replies).toHaveLength(1);
    expect(result.replies[0]).toMatchObject({ from: NUMBER, to: HANDSET, direction: 'outbound-reply' });
    expect(result.replies[0]?.body).toMatch(/START/);
  });

  it('forwards the keyword to the webhook with OptOutType', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms` });
    await sandbox.phones.send({ from: HANDSET, body: 'STOP' });
    await sandbox.phones.send({ from: HANDSET, body: 'start' });
    await sandbox.phones.send({ from: HANDSET, body: 'Help' });
    await sandbox.phones.send({ from: HANDSET, body: 'stop please' });
    const webhooks = await app.waitFor(4);
    expect(webhooks.map((webhook) => webhook.params.OptOutType)).toEqual([
      'STOP',
      'START',
      'HELP',
      undefined,
    ]);
  });

  it('lets START undo STOP', async () => {
    const sandbox = await startFastSandbox();
    await sandbox.phones.send({ from: HANDSET, body: 'STOP' });
    await sandbox.phones.send({ from: HANDSET, body: 'START' });
    const created = await sandboxTwilioClient(sandbox).messages.create({
      to: HANDSET,
      from: NUMBER,
      body: 'welcome back',
    });
    expect(created.status).toBe('queued');
  });

  it('answers HELP without unsubscribing', async () => {
    const sandbox = await startFastSandbox();
    const result = await sandbox.phones.send({ from: HANDSET, body: 'HELP' });
    expect(result.replies[0]?.body).toMatch(/STOP/);
    expect(sandbox.phones.isOptedOut(HANDSET)).toBe(false);
  });

  it('sends no automatic reply when optOutReplies is off, but still blocks', async () => {
    const sandbox = await startFastSandbox({ optOutReplies: false });
    const result = await sandbox.phones.send({ from: HANDSET, body: 'STOP' });
    expect(result.replies).toEqual([]);
    expect(sandbox.phones.isOptedOut(HANDSET)).toBe(true);
  });

  it('scopes a STOP to a Messaging Service to every send through that service', async () => {
    const sandbox = await startFastSandbox({
      numbers: [NUMBER, '+12025550101'],
      messagingServices: [{ sid: SERVICE_SID, phoneNumbers: [NUMBER] }],
    });
    await sandbox.phones.send({ from: HANDSET, to: NUMBER, body: 'STOP' });
    const client = sandboxTwilioClient(sandbox);
    expect(
      await rejectionCode(
        client.messages.create({ to: HANDSET, messagingServiceSid: SERVICE_SID, body: 'x' }),
      ),
    ).toBe(21610);
    const other = await client.messages.create({ to: HANDSET, from: '+12025550101', body: 'x' });
    expect(other.status).toBe('queued');
  });

  it('does not send a TwiML reply to a handset that just opted out', async () => {
    const app = await startTestWebhookReceiver(() => ({
      body: '<Response><Message>Your pairing code</Message></Response>',
    }));
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms` });
    const result = await sandbox.phones.send({ from: HANDSET, body: 'STOP' });
    expect(result.replies.map((reply) => reply.body)).not.toContain('Your pairing code');
  });
});
