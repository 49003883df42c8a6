import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPROVED_TEXT as SMS_APPROVED_TEXT } from '@sms-channel/channel-runtime';
import { createSandbox, DEFAULT_NUMBER, type Sandbox } from '@sms-channel/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeSdk, hostConfig } from './__fixtures__/fake-host.js';
import { type AccountStores, createAccountStores } from './account-stores.js';
import { createSmsChannelPlugin } from './create-sms-channel-plugin.js';
import { notifySmsApproval } from './notify-approval.js';

const SENDER = '+12025550143';
let sandbox: Sandbox;
let stateDir: string;
let stores: AccountStores;

beforeAll(async () => {
  sandbox = createSandbox({ deliveryDelayMs: 5 });
  await sandbox.start();
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'sms-plugin-notify-'));
  stores = createAccountStores({ stateDir: () => stateDir, store: { driver: 'auto' } });
});
afterEach(async () => {
  sandbox.admin.reset();
  await rm(stateDir, { recursive: true, force: true });
});

const cfg = () =>
  hostConfig({
    accountSid: sandbox.accountSid,
    authToken: sandbox.authToken,
    fromNumber: DEFAULT_NUMBER,
    twilioApiBaseUrl: sandbox.url,
  });
const sentTo = (to: string) =>
  sandbox.messages
    .list()
    .filter((message) => message.to === to)
    .map((message) => message.body);

describe('the approval notice (pairing approve --notify)', () => {
  it('texts the approved sender that they may talk to the assistant now', async () => {
    await notifySmsApproval({ cfg: cfg(), id: SENDER, accountId: 'default' }, { stores });
    expect(sentTo(SENDER)).toEqual([SMS_APPROVED_TEXT]);
  });

  it('is what the plugin gives the host as pairing.notifyApproval', async () => {
    const plugin = createSmsChannelPlugin({ sdk: createFakeSdk(), runtime: () => undefined, stores });
    await plugin.pairing.notifyApproval({ cfg: cfg(), id: SENDER, meta: { accountId: 'default' } });
    expect(sentTo(SENDER)).toEqual([SMS_APPROVED_TEXT]);
  });

  it('refuses a sender who texted STOP, so the host reports it and nothing is sent', async () => {
    await stores.use('default', (store) => store.recordOptOut('default', SENDER));
    await expect(notifySmsApproval({ cfg: cfg(), id: SENDER }, { stores })).rejects.toThrow(/opted out/);
    expect(sentTo(SENDER)).toEqual([]);
  });

  it('refuses an approved id that is not a phone number, naming it', async () => {
    await expect(notifySmsApproval({ cfg: cfg(), id: 'telegram:42' }, { stores })).rejects.toThrow(
      /"telegram:42" is not a phone number/,
    );
  });
});
