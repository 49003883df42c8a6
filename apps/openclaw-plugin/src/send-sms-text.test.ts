import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, DEFAULT_NUMBER, type Sandbox } from '@sms-channel/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hostConfig } from './__fixtures__/fake-host.js';
import { type AccountStores, createAccountStores } from './account-stores.js';
import { sendSmsText } from './send-sms-text.js';

const TO = '+12025550143';
let sandbox: Sandbox;
let stateDir: string;
let stores: AccountStores;

beforeAll(async () => {
  sandbox = createSandbox({ deliveryDelayMs: 5 });
  await sandbox.start();
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'sms-plugin-send-'));
  stores = createAccountStores({ stateDir: () => stateDir, store: { driver: 'auto' } });
});
afterEach(async () => {
  sandbox.admin.reset();
  await rm(stateDir, { recursive: true, force: true });
});

const cfg = (extra: Record<string, unknown> = {}) =>
  hostConfig({
    accountSid: sandbox.accountSid,
    authToken: sandbox.authToken,
    fromNumber: DEFAULT_NUMBER,
    twilioApiBaseUrl: sandbox.url,
    ...extra,
  });
const sentTo = (to: string) =>
  sandbox.messages
    .list()
    .filter((message) => message.to === to)
    .reverse()
    .map((message) => message.body);

describe('sendSmsText', () => {
  it('sends markdown as plain text and reports the Twilio SID as the message id', async () => {
    const result = await sendSmsText({ cfg: cfg(), to: `sms:${TO}`, text: 'Hello **there**' }, { stores });
    expect(sentTo(TO)).toEqual(['Hello there']);
    expect(result).toMatchObject({ channel: 'sms', messageId: expect.stringMatching(/^SM/) });
  });

  it("cuts a long text into numbered parts within the account's textChunkLimit, in order", async () => {
    const text = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} has some words in it.`).join(
      '\n\n',
    );
    const result = await sendSmsText({ cfg: cfg({ textChunkLimit: 160 }), to: TO, text }, { stores });
    const bodies = sentTo(TO);
    expect(bodies.length).toBeGreaterThan(1);
    bodies.forEach((body, i) => {
      expect(body.length).toBeLessThanOrEqual(160);
      expect(body.endsWith(` (${i + 1}/${bodies.length})`)).toBe(true);
    });
    expect(result.meta).toMatchObject({ parts: bodies.length });
  });

  it('does not resend the parts of a delivery the host retries under the same delivery id', async () => {
    const ctx = { cfg: cfg(), to: TO, text: 'once', deliveryQueueId: 'dq-1' };
    await sendSmsText(ctx, { stores });
    await sendSmsText(ctx, { stores });
    expect(sentTo(TO)).toEqual(['once']);
  });

  it('sends a media URL with the text as one MMS (sendMedia)', async () => {
    const url = `${sandbox.url}/no-such-picture.png`;
    await sendSmsText({ cfg: cfg(), to: TO, text: 'look', mediaUrl: url }, { stores });
    const [message] = sandbox.messages.list().filter((entry) => entry.to === TO);
    expect(message).toMatchObject({ body: 'look', mediaUrls: [url] });
  });

  it('refuses media to a number outside the US and Canada, sending nothing', async () => {
    const abroad = '+447700900123';
    const ctx = { cfg: cfg(), to: abroad, text: 'look', mediaUrl: 'https://example.com/a.png' };
    await expect(sendSmsText(ctx, { stores })).rejects.toThrow(/outside the US and Canada/);
    expect(sentTo(abroad)).toEqual([]);
  });

  it('refuses a local file when the account has no https public URL to serve it from', async () => {
    const ctx = { cfg: cfg(), to: TO, text: 'look', mediaUrl: '/tmp/picture.png' };
    const mediaDir = () => join(stateDir, 'media');
    await expect(sendSmsText(ctx, { stores, mediaDir })).rejects.toThrow(/no publicWebhookUrl/);
  });

  it('refuses a recipient who texted STOP', async () => {
    await stores.use('default', (store) => store.recordOptOut('default', TO));
    await expect(sendSmsText({ cfg: cfg(), to: TO, text: 'hi' }, { stores })).rejects.toThrow(/opted out/);
    expect(sentTo(TO)).toEqual([]);
  });

  it('refuses an account that cannot send, naming what is missing', async () => {
    const incomplete = hostConfig({ accountSid: sandbox.accountSid, fromNumber: DEFAULT_NUMBER });
    await expect(sendSmsText({ cfg: incomplete, to: TO, text: 'hi' }, { stores })).rejects.toThrow(
      /missing authToken/,
    );
  });
});
