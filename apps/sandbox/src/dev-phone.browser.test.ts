import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFastSandbox, stopAfterTest } from './__fixtures__/fast-sandbox.js';
import { PNG, VCARD } from './__fixtures__/media.js';
import { startTestMediaServer } from './__fixtures__/media-server.js';
import { basicAuthHeaders, sandboxTwilioClient } from './__fixtures__/twilio-client.js';
import { startTestWebhookReceiver } from './__fixtures__/webhook-receiver.js';
import type { Sandbox } from './create-sandbox.js';
import {
  CHROMIUM_EXECUTABLE,
  chromiumLaunchOptions,
  DEV_PHONE,
  openDevPhone,
  textFromDevPhone,
  textMediaFromDevPhone,
  waitForBubble,
} from './testing.js';

const HANDSET = '+12025550142';

let profile: string;
let browser: BrowserContext;

beforeAll(async () => {
  if (!existsSync(CHROMIUM_EXECUTABLE)) {
    throw new Error(
      `${CHROMIUM_EXECUTABLE} is missing: run scripts/setup-browser.sh (Debian's chromium) first`,
    );
  }
  profile = await mkdtemp(join(tmpdir(), 'sms-sandbox-chromium-'));
  browser = await chromium.launchPersistentContext(profile, chromiumLaunchOptions());
});

afterAll(async () => {
  await browser?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const page = await browser.newPage();
  stopAfterTest({ stop: () => page.close() });
  return page;
}

/** A tiny app: acknowledges each inbound SMS at once, then replies through the sandbox's REST API. */
async function startEchoApp(getSandbox: () => Sandbox) {
  const app = await startTestWebhookReceiver((webhook) => {
    if (webhook.path !== '/sms') return {};
    const sandbox = getSandbox();
    setTimeout(() => {
      void sandboxTwilioClient(sandbox).messages.create({
        to: String(webhook.params.From),
        from: String(webhook.params.To),
        body: `You said: ${String(webhook.params.Body)}`,
        statusCallback: `${app.url}/status`,
      });
    }, 0);
    return {};
  });
  return app;
}

describe('the dev phone page in Chromium', () => {
  it('texts the app from the page and shows the reply with its live delivery status', async () => {
    let sandbox: Sandbox | undefined;
    const app = await startEchoApp(() => {
      if (!sandbox) throw new Error('sandbox not started');
      return sandbox;
    });
    sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms`, deliveryDelayMs: 50 });
    const page = await newPage();
    await openDevPhone(page, sandbox.url);
    await textFromDevPhone(page, HANDSET, 'hello from the browser');
    await waitForBubble(page, { text: 'hello from the browser', direction: 'sent', status: 'webhook 200' });
    await waitForBubble(page, {
      text: 'You said: hello from the browser',
      direction: 'received',
      status: 'delivered',
    });
    const [webhook] = app.received.filter((received) => received.path === '/sms');
    expect(webhook?.params).toMatchObject({
      From: HANDSET,
      To: '+12025550100',
      Body: 'hello from the browser',
    });
  });

  it('shows error 11200 on a text whose webhook fails', async () => {
    const app = await startTestWebhookReceiver(() => ({ status: 500 }));
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms` });
    const page = await newPage();
    await openDevPhone(page, sandbox.url);
    await textFromDevPhone(page, HANDSET, 'anyone there?');
    await waitForBubble(page, { text: 'anyone there?', direction: 'sent', status: 'error 11200' });
  });

  it('shows the segment count and encoding under the composer as the text is typed', async () => {
    const sandbox = await startFastSandbox();
    const page = await newPage();
    await openDevPhone(page, sandbox.url);
    await page.fill(DEV_PHONE.composer, 'a'.repeat(161));
    await expect
      .poll(() => page.textContent(DEV_PHONE.segmentInfo))
      .toBe('161 characters · 2 segments · GSM-7');
    await page.fill(DEV_PHONE.composer, 'Café ☕');
    await expect.poll(() => page.textContent(DEV_PHONE.segmentInfo)).toBe('6 characters · 1 segment · UCS-2');
  });

  it('shows texts that arrive while the page is open, from another client', async () => {
    const sandbox = await startFastSandbox();
    const page = await newPage();
    await openDevPhone(page, sandbox.url);
    await page.click(DEV_PHONE.handset(HANDSET));
    await sandboxTwilioClient(sandbox).messages.create({
      to: HANDSET,
      from: '+12025550100',
      body: 'Reminder: stand-up',
    });
    await waitForBubble(page, { text: 'Reminder: stand-up', direction: 'received', status: 'delivered' });
  });

  it("attaches a picture from the page: the bubble shows its thumbnail and the app fetches it from Twilio's URL", async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms` });
    const page = await newPage();
    await openDevPhone(page, sandbox.url);
    await textMediaFromDevPhone(page, HANDSET, 'a picture', [
      { name: 'dot.png', mimeType: 'image/png', buffer: Buffer.from(PNG) },
    ]);
    await waitForBubble(page, { text: 'a picture', direction: 'sent', status: 'webhook 200', images: 1 });
    const [webhook] = await app.waitFor(1);
    expect(webhook?.params).toMatchObject({ NumMedia: '1', MediaContentType0: 'image/png' });
    const media = await fetch(String(webhook?.params.MediaUrl0), { headers: basicAuthHeaders(sandbox) });
    expect(new Uint8Array(await media.arrayBuffer())).toEqual(PNG);
    expect(sandbox.admin.cdnRequests().map((request) => request.headers.authorization)).toEqual([undefined]);
  });

  it('shows an MMS sent to the handset: a thumbnail for the picture, a link for the vCard', async () => {
    const files = await startTestMediaServer({
      '/receipt.png': { contentType: 'image/png', body: PNG },
      '/contact.vcf': { contentType: 'text/vcard', body: VCARD },
    });
    const sandbox = await startFastSandbox();
    const page = await newPage();
    await openDevPhone(page, sandbox.url);
    await page.click(DEV_PHONE.handset(HANDSET));
    await sandboxTwilioClient(sandbox).messages.create({
      to: HANDSET,
      from: '+12025550100',
      body: 'your receipt',
      mediaUrl: [`${files.url}/receipt.png`, `${files.url}/contact.vcf`],
    });
    await waitForBubble(page, {
      text: 'your receipt',
      direction: 'received',
      status: 'delivered',
      images: 1,
      links: 1,
    });
    expect(await page.textContent(DEV_PHONE.bubbleMediaLink)).toBe('contact.vcf (text/vcard)');
  });
});
