import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPROVED_TEXT as SMS_APPROVED_TEXT } from '@sms-channel/channel-runtime';
import { createSandbox, DEFAULT_NUMBER, type Sandbox } from '@sms-channel/sandbox';
import type { SqliteGatewayStore } from '@sms-channel/store';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hostConfig } from './__fixtures__/fake-host.js';
import { type AccountStores, createAccountStores } from './account-stores.js';
import { createApprovalNotices } from './approval-notices.js';
import { notifySmsApproval } from './notify-approval.js';
import { requireUsableAccount, resolveSmsPluginAccount } from './sms-plugin-account.js';

const FIRST = '+12025550143';
const SECOND = '+12025550144';
let sandbox: Sandbox;
let stateDir: string;
let stores: AccountStores;
let store: SqliteGatewayStore;
let approved: string[];

beforeAll(async () => {
  sandbox = createSandbox({ deliveryDelayMs: 5 });
  await sandbox.start();
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'sms-plugin-approvals-'));
  stores = createAccountStores({ stateDir: () => stateDir, store: { driver: 'auto' } });
  store = await stores.acquire('default');
  approved = [];
});
afterEach(async () => {
  await stores.release('default');
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
const knownFile = () => join(stateDir, 'approved-senders.json');
const notices = () =>
  createApprovalNotices({
    account: requireUsableAccount(resolveSmsPluginAccount(cfg(), 'default')),
    store,
    // The host's allow store, as `openclaw pairing approve` leaves it (entries as the plugin passed them).
    pairing: () => ({ readAllowFromStore: async () => [...approved] }),
    knownFile: knownFile(),
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
const sentTo = (to: string) =>
  sandbox.messages
    .list()
    .filter((message) => message.to === to)
    .map((message) => message.body);

describe('approval notices (the plugin texts the senders the owner approves)', () => {
  it('texts a sender once the owner approved them, and only once', async () => {
    const watcher = notices();
    await watcher.check();
    approved.push(FIRST);
    expect(await watcher.check()).toEqual({ texted: [FIRST], optedOut: [], baseline: false });
    expect(await watcher.check()).toEqual({ texted: [], optedOut: [], baseline: false });
    expect(sentTo(FIRST)).toEqual([SMS_APPROVED_TEXT]);
  });

  it('texts nobody the first time it runs: senders approved before are recorded, not texted', async () => {
    approved.push(FIRST);
    expect(await notices().check()).toEqual({ texted: [], optedOut: [], baseline: true });
    expect(sentTo(FIRST)).toEqual([]);
    expect(JSON.parse(await readFile(knownFile(), 'utf8'))).toEqual({ senders: [FIRST] });
  });

  it('texts a sender approved while the account was stopped when it runs again', async () => {
    await notices().check();
    approved.push(SECOND);
    expect((await notices().check()).texted).toEqual([SECOND]);
  });

  it('never texts a sender who texted STOP', async () => {
    const watcher = notices();
    await watcher.check();
    await store.recordOptOut('default', FIRST);
    approved.push(FIRST);
    expect(await watcher.check()).toEqual({ texted: [], optedOut: [FIRST], baseline: false });
    expect(sentTo(FIRST)).toEqual([]);
  });

  it('sends nothing more to a sender the host already notified (pairing approve --notify)', async () => {
    const watcher = notices();
    await watcher.check();
    await notifySmsApproval({ cfg: cfg(), id: FIRST, accountId: 'default' }, { stores });
    approved.push(FIRST);
    await watcher.check();
    expect(sentTo(FIRST)).toEqual([SMS_APPROVED_TEXT]);
  });

  it('tries again at the next check when Twilio could not take the text', async () => {
    const watcher = notices();
    await watcher.check();
    // A Retry-After longer than sendMessage waits: the send gives up at once, as a Twilio outage would make it.
    sandbox.admin.addFault({
      route: 'messages.create',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 3600,
      times: 1,
    });
    approved.push(FIRST);
    expect((await watcher.check()).texted).toEqual([]);
    expect((await watcher.check()).texted).toEqual([FIRST]);
    expect(sentTo(FIRST)).toEqual([SMS_APPROVED_TEXT]);
  });

  it('reads the approved entries as phone numbers (sms: and twilio-sms: prefixes too)', async () => {
    const watcher = notices();
    await watcher.check();
    approved.push(`sms:${FIRST}`, 'not a number');
    expect((await watcher.check()).texted).toEqual([FIRST]);
  });
});
