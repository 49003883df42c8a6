/**
 * The dev phone (a real Chromium) texting the real gateway through the sandbox: the pairing code arrives on the
 * page, the owner approves it, and the next text gets the echo reply, each bubble turning "delivered".
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPairing } from '@sms-channel/phone-policy';
import { createSandbox, type Sandbox } from '@sms-channel/sandbox';
import {
  CHROMIUM_EXECUTABLE,
  chromiumLaunchOptions,
  openDevPhone,
  textFromDevPhone,
  waitForBubble,
} from '@sms-channel/sandbox/testing';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, writeGatewayConfig } from '../runtime/__fixtures__/gateway-setup.js';
import { type RunningGateway, startGateway } from '../runtime/start-gateway.js';

const HANDSET = '+12025550142';

let sandbox: Sandbox;
let gateway: RunningGateway;
let browser: BrowserContext;
let profile: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM_EXECUTABLE)) {
    throw new Error(
      `${CHROMIUM_EXECUTABLE} is missing: run scripts/setup-browser.sh (Debian's chromium) first`,
    );
  }
  const port = await freePort();
  sandbox = createSandbox({
    numbers: [{ phoneNumber: '+12025550100', smsUrl: `http://127.0.0.1:${port}/webhooks/sms` }],
    handsets: [HANDSET],
    deliveryDelayMs: 50,
  });
  await sandbox.start();
  const { file } = writeGatewayConfig(sandbox, port);
  gateway = await startGateway({ configPath: file, env: {}, pollIntervalMs: 100 });
  profile = await mkdtemp(join(tmpdir(), 'sms-gateway-chromium-'));
  browser = await chromium.launchPersistentContext(profile, chromiumLaunchOptions());
});

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await sandbox?.stop();
  if (profile) await rm(profile, { recursive: true, force: true });
});

describe('dev phone with the real gateway', () => {
  it('shows the pairing code, then the echo reply after approval', async () => {
    const page = await browser.newPage();
    await openDevPhone(page, sandbox.url);
    await textFromDevPhone(page, HANDSET, 'hello');
    await waitForBubble(page, { text: 'hello', direction: 'sent', status: 'webhook 200' });
    await waitForBubble(page, {
      text: /pairing approve sms [2-9A-Z]{8}/,
      direction: 'received',
      status: 'delivered',
    });

    const pairingSms = await sandbox.phones.waitForMessage({ to: HANDSET, body: /pairing approve sms/ });
    const code = /approve sms ([2-9A-Z]{8})/.exec(pairingSms.body)?.[1] ?? '';
    const approval = await createPairing({ store: gateway.store.pairing }).approve('default', code);
    expect(approval.sender).toBe(HANDSET);

    await textFromDevPhone(page, HANDSET, 'again');
    await waitForBubble(page, { text: 'You said: again', direction: 'received', status: 'delivered' });
  });
});
