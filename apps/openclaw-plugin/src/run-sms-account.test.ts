import { APPROVED_TEXT as SMS_APPROVED_TEXT } from '@sms-channel/channel-runtime';
import { createSandbox, DEFAULT_HANDSET, DEFAULT_NUMBER, type Sandbox } from '@sms-channel/sandbox';
import { computeSignature } from '@sms-channel/twilio-signature';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPluginAccount, startPluginAccount } from './__fixtures__/running-account.js';

// The end-to-end behaviour (pairing, replies, duplicates, STOP) is the shared host scenario suite, run through
// this plugin by host-scenarios.test.ts and through the standalone gateway by its own copy of that one file.
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = createSandbox({ deliveryDelayMs: 5 });
  await sandbox.start();
});
afterAll(() => sandbox.stop());
const running: RunningPluginAccount[] = [];
afterEach(async () => {
  for (const account of running.splice(0)) await account.stop();
});

async function start(
  reply: (text: string) => string | undefined = () => 'hi',
  options: { approvalPollMs?: number } = {},
): Promise<RunningPluginAccount> {
  const account = await startPluginAccount(sandbox, reply, options);
  running.push(account);
  return account;
}

describe('runSmsAccount', () => {
  it('registers the webhook path and the media route with plugin auth on the gateway and marks the account ready', async () => {
    const { sdk, statuses } = await start();
    expect(sdk.routes).toEqual([
      expect.objectContaining({
        path: '/webhooks/sms',
        auth: 'plugin',
        accountId: 'default',
        pluginId: 'sms',
      }),
      expect.objectContaining({ path: '/sms-media', match: 'prefix', auth: 'plugin', accountId: 'default' }),
    ]);
    expect(statuses.at(-1)).toMatchObject({ running: true, connected: true, lifecycle: 'ready' });
  });

  it('texts the code the host made for the sender (what `openclaw pairing list sms` shows)', async () => {
    const { host } = await start();
    await sandbox.phones.send({ from: DEFAULT_HANDSET, body: 'hello' });
    const pairing = await sandbox.phones.waitForMessage({ to: DEFAULT_HANDSET, body: /pairing approve/ });
    expect(pairing.body).toContain(`openclaw pairing approve sms ${host.pending('default')[0]?.code}`);
  });

  it('texts a sender the owner approved that they may talk now', async () => {
    const { host } = await start(() => 'hi', { approvalPollMs: 20 });
    await sandbox.phones.send({ from: DEFAULT_HANDSET, body: 'hello' });
    await sandbox.phones.waitForMessage({ to: DEFAULT_HANDSET, body: /pairing approve/ });
    host.approve(host.pending('default')[0]?.code ?? '');
    await sandbox.phones.waitForMessage({ to: DEFAULT_HANDSET, body: SMS_APPROVED_TEXT });
  });

  it('reports the last inbound and outbound times in the account status', async () => {
    const { statuses } = await start();
    await sandbox.phones.send({ from: DEFAULT_HANDSET, body: 'hello' });
    // The status follows the send's log write, just after the handset got the text: wait for the state itself.
    while (!statuses.some((status) => typeof status.lastOutboundAt === 'number')) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(statuses.some((status) => typeof status.lastInboundAt === 'number')).toBe(true);
  });

  it('refuses a forged webhook with 403 before anything is queued', async () => {
    const { webhookUrl } = await start();
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'Zm9yZ2Vk' },
      body: new URLSearchParams({ MessageSid: 'SMx', AccountSid: sandbox.accountSid, From: DEFAULT_HANDSET }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-sms-channel-reason')).toBe('bad-signature');
  });

  it('takes a request the host matched case-insensitively with a trailing slash for its own path', async () => {
    const { webhookUrl } = await start();
    const form = {
      MessageSid: 'SM0123456789abcdef0123456789abcdef',
      AccountSid: sandbox.accountSid,
      From: DEFAULT_HANDSET,
      To: DEFAULT_NUMBER,
      Body: 'hello',
    };
    const response = await fetch(webhookUrl.replace('/webhooks/sms', '/Webhooks/SMS/'), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': computeSignature(sandbox.authToken, webhookUrl, form),
      },
      body: new URLSearchParams(form),
    });
    expect(response.status).toBe(200);
  });

  it('unregisters the route and reports the account stopped when the host aborts it', async () => {
    const account = await startPluginAccount(sandbox, () => 'hi');
    await account.stop();
    expect(account.sdk.routes[0]?.unregistered).toBe(true);
    expect(account.statuses.at(-1)).toMatchObject({ running: false, lifecycle: 'stopped' });
  });
});
