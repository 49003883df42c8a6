import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, DEFAULT_HANDSET, DEFAULT_NUMBER, type Sandbox } from '@sms-channel/sandbox';
import { computeSignature } from '@sms-channel/twilio-signature';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createFakeChannelRuntime,
  createFakeHostPairing,
  createFakeSdk,
  type FakeHostPairing,
  type FakeSdk,
  hostConfig,
} from './__fixtures__/fake-host.js';
import { createAccountStores } from './account-stores.js';
import type { HostAccountSnapshot } from './host-types.js';
import { runSmsAccount } from './run-sms-account.js';
import { resolveSmsPluginAccount } from './sms-plugin-account.js';

let sandbox: Sandbox;
let server: Server;
let webhookUrl: string;
let sdk: FakeSdk;

beforeAll(async () => {
  sandbox = createSandbox({ deliveryDelayMs: 5 });
  await sandbox.start();
  // The host's HTTP server, reduced to what it does for a plugin route: hand the raw request to the handler.
  server = createServer((req, res) => {
    const route = sdk?.routes.find((entry) => !entry.unregistered);
    if (route === undefined) res.writeHead(404).end();
    else void route.handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sms`;
  sandbox.admin.setSmsUrl(DEFAULT_NUMBER, webhookUrl);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await sandbox.stop();
});

interface Running {
  host: FakeHostPairing;
  statuses: HostAccountSnapshot[];
  stop(): Promise<void>;
}
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  sandbox.admin.reset();
});

async function startAccount(reply: (text: string) => string | undefined): Promise<Running> {
  const stateDir = await mkdtemp(join(tmpdir(), 'sms-plugin-'));
  const cfg = hostConfig({
    accountSid: sandbox.accountSid,
    authToken: sandbox.authToken,
    fromNumber: DEFAULT_NUMBER,
    publicWebhookUrl: webhookUrl,
    twilioApiBaseUrl: sandbox.url,
  });
  const host = createFakeHostPairing();
  sdk = createFakeSdk();
  const abort = new AbortController();
  let status: HostAccountSnapshot = { accountId: 'default' };
  const statuses: HostAccountSnapshot[] = [];
  const running = runSmsAccount(
    {
      cfg,
      accountId: 'default',
      account: resolveSmsPluginAccount(cfg, 'default', {}),
      abortSignal: abort.signal,
      getStatus: () => status,
      setStatus: (next) => {
        status = next;
        statuses.push(next);
      },
      channelRuntime: createFakeChannelRuntime(host, reply),
    },
    // Node 20 has no node:sqlite: the workspace tests run the store on better-sqlite3.
    {
      sdk,
      stores: createAccountStores({ stateDir: () => stateDir, store: { driver: 'auto' } }),
      runtime: () => undefined,
      pollIntervalMs: 50,
    },
  );
  const stop = async () => {
    abort.abort();
    await running;
    await rm(stateDir, { recursive: true, force: true });
  };
  cleanups.push(stop);
  const end = Date.now() + 10_000;
  while (!statuses.some((entry) => entry.lifecycle === 'ready')) {
    if (Date.now() > end) throw new Error('the account did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { host, statuses, stop };
}

const codeIn = (body: string) => /openclaw pairing approve sms (\S+)$/.exec(body)?.[1];

describe('runSmsAccount', () => {
  it('registers the webhook path with plugin auth on the gateway and marks the account ready', async () => {
    await startAccount(() => 'hi');
    expect(sdk.routes).toEqual([
      expect.objectContaining({
        path: '/webhooks/sms',
        auth: 'plugin',
        accountId: 'default',
        pluginId: 'sms',
      }),
    ]);
  });

  it("texts a pairing code from the host, then runs the approved sender's turn and replies as plain SMS", async () => {
    const { host } = await startAccount((text) => `**Echo:** ${text}`);
    const first = await sandbox.phones.send({ from: DEFAULT_HANDSET, body: 'hello' });
    expect(first.webhook?.attempts[0]?.status).toBe(200);
    const pairingSms = await sandbox.phones.waitForMessage({ to: DEFAULT_HANDSET, body: /pairing approve/ });
    const code = codeIn(pairingSms.body);
    expect(code).toBe(host.pending('default')[0]?.code);
    host.approve(code ?? '');
    await sandbox.phones.send({ from: DEFAULT_HANDSET, body: 'what is 2+2' });
    const reply = await sandbox.phones.waitForMessage({ to: DEFAULT_HANDSET, body: /^Echo/ });
    expect(reply.body).toBe('Echo: what is 2+2');
    expect(sdk.detached).toBeGreaterThanOrEqual(2);
  });

  it('answers a webhook Twilio sends twice with one turn and one reply', async () => {
    const { host } = await startAccount((text) => `Echo: ${text}`);
    await sandbox.phones.send({ from: DEFAULT_HANDSET, body: 'hello' });
    const pairingSms = await sandbox.phones.waitForMessage({ to: DEFAULT_HANDSET, body: /pairing approve/ });
    host.approve(codeIn(pairingSms.body) ?? '');
    sandbox.admin.addFault({ route: 'webhook.inbound', kind: 'duplicate', times: 1 });
    await sandbox.phones.send({ from: DEFAULT_HANDSET, body: 'once' });
    await sandbox.phones.waitForMessage({ to: DEFAULT_HANDSET, body: 'Echo: once' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const replies = sandbox.messages
      .list()
      .filter((m) => m.to === DEFAULT_HANDSET && m.body === 'Echo: once');
    expect(replies).toHaveLength(1);
  });

  it('refuses a forged webhook with 403 before anything is queued', async () => {
    await startAccount(() => 'hi');
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'Zm9yZ2Vk' },
      body: new URLSearchParams({ MessageSid: 'SMx', AccountSid: sandbox.accountSid, From: DEFAULT_HANDSET }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-sms-channel-reason')).toBe('bad-signature');
  });

  it('takes a request the host matched case-insensitively with a trailing slash for its own path', async () => {
    await startAccount(() => 'hi');
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
    const { statuses, stop } = await startAccount(() => 'hi');
    await stop();
    expect(sdk.routes[0]?.unregistered).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ running: false, lifecycle: 'stopped' });
  });
});
