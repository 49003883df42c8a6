import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_NUMBER, type Sandbox } from '@sms-channel/sandbox';
import { createAccountStores } from '../account-stores.js';
import type { HostAccountSnapshot, HostReplyPayload } from '../host-types.js';
import { runSmsAccount } from '../run-sms-account.js';
import { resolveSmsPluginAccount } from '../sms-plugin-account.js';
import {
  createFakeChannelRuntime,
  createFakeHostPairing,
  createFakeSdk,
  type FakeChannelRuntime,
  type FakeHostPairing,
  type FakeSdk,
  hostConfig,
} from './fake-host.js';

/** One SMS account running in a stand-in of the OpenClaw host, wired to the test file's sandbox. */
export interface RunningPluginAccount {
  host: FakeHostPairing;
  sdk: FakeSdk;
  channelRuntime: FakeChannelRuntime;
  statuses: HostAccountSnapshot[];
  webhookUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts `runSmsAccount` as the host would (its HTTP server reduced to handing a plugin route the raw request),
 * with `reply` as the host's assistant, and waits until the account reports itself ready. The sandbox is reset
 * and pointed at this account; one sandbox serves a whole test file (stopping one while it still delivers
 * status callbacks leaves undici's aborted fetches as unhandled rejections on Node 20).
 */
export async function startPluginAccount(
  sandbox: Sandbox,
  reply: (text: string) => string | HostReplyPayload | undefined,
  options: { approvalPollMs?: number } = {},
): Promise<RunningPluginAccount> {
  sandbox.admin.reset();
  const sdk = createFakeSdk();
  // The host's HTTP server reduced to its plugin routes: exact paths (matched case-insensitively, with or
  // without a trailing slash, as the host does), and prefixes.
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const exact = path.toLowerCase().replace(/\/$/, '');
    const route = sdk.routes.find(
      (entry) =>
        !entry.unregistered &&
        (entry.match === 'prefix' ? path.startsWith(`${entry.path}/`) : exact === entry.path.toLowerCase()),
    );
    if (route === undefined) res.writeHead(404).end();
    else void route.handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sms`;
  sandbox.admin.setSmsUrl(DEFAULT_NUMBER, webhookUrl);
  const stateDir = await mkdtemp(join(tmpdir(), 'sms-plugin-'));
  const cfg = hostConfig({
    accountSid: sandbox.accountSid,
    authToken: sandbox.authToken,
    fromNumber: DEFAULT_NUMBER,
    publicWebhookUrl: webhookUrl,
    twilioApiBaseUrl: sandbox.url,
  });
  const host = createFakeHostPairing();
  const channelRuntime = createFakeChannelRuntime(host, reply);
  const abort = new AbortController();
  let status: HostAccountSnapshot = { accountId: 'default' };
  const statuses: HostAccountSnapshot[] = [];
  let ready: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
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
        if (next.lifecycle === 'ready') ready();
      },
      channelRuntime,
    },
    // Node 20 has no node:sqlite: the workspace tests run the store on better-sqlite3.
    {
      sdk,
      stores: createAccountStores({ stateDir: () => stateDir, store: { driver: 'auto' } }),
      runtime: () => undefined,
      mediaDir: () => join(stateDir, 'media', 'sms-channel'),
      pollIntervalMs: 50,
      // Off unless asked: the shared host scenarios expect only the texts both hosts send when a test approves.
      approvalPollMs: options.approvalPollMs ?? false,
    },
  );
  await Promise.race([started, running]);
  return {
    host,
    sdk,
    channelRuntime,
    statuses,
    webhookUrl,
    stop: async () => {
      abort.abort();
      await running;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
