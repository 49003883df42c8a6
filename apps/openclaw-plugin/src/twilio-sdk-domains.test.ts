import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSandbox, DEFAULT_HANDSET, DEFAULT_NUMBER, type Sandbox } from '@sms-channel/sandbox';
import type { TwilioRestClient } from '@sms-channel/twilio-messaging';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWILIO_DOMAINS_USED, twilioDomainsPlugin, unbundledDomainModule } from './twilio-sdk-domains.js';

const SERVICE_SID = `MG${'5'.repeat(32)}`;
let sandbox: Sandbox;
let outDir: string;
let bundleCode: string;
let createClient: (account: {
  accountSid: string;
  authToken: string;
  twilioApiBaseUrl: string;
}) => TwilioRestClient;

beforeAll(async () => {
  sandbox = createSandbox({
    deliveryDelayMs: 5,
    messagingServices: [{ sid: SERVICE_SID, friendlyName: 'Bundle test', phoneNumbers: [DEFAULT_NUMBER] }],
  });
  await sandbox.start();
  outDir = await mkdtemp(join(tmpdir(), 'sms-plugin-twilio-bundle-'));
  // Built as the plugin is (tsup.config.ts): ESM for Node, every dependency inlined, unused domains left out.
  await build({
    config: false,
    silent: true,
    entry: { client: join(import.meta.dirname, '__fixtures__', 'twilio-client-entry.ts') },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    noExternal: [/.*/],
    esbuildPlugins: [twilioDomainsPlugin()],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  const files = (await readdir(outDir)).filter((name) => name.endsWith('.js'));
  bundleCode = (await Promise.all(files.map((name) => readFile(join(outDir, name), 'utf8')))).join('\n');
  ({ createTwilioRestClient: createClient } = await import(pathToFileURL(join(outDir, 'client.js')).href));
}, 120_000);

afterAll(async () => {
  await sandbox.stop();
  await rm(outDir, { recursive: true, force: true });
});

describe('the twilio SDK in the plugin bundle', () => {
  it('keeps the domains twilio-messaging calls and leaves the others out', () => {
    for (const domain of TWILIO_DOMAINS_USED) {
      expect(bundleCode).toContain(`twilio/lib/rest/${domain.toLowerCase()}/`);
    }
    for (const unused of ['voice', 'conversations', 'verify', 'taskrouter', 'flex_api']) {
      expect(bundleCode).not.toContain(`twilio/lib/rest/${unused}/`);
    }
  });

  it('makes every REST call of twilio-messaging through a bundle built that way', async () => {
    const client = createClient({
      accountSid: sandbox.accountSid,
      authToken: sandbox.authToken,
      twilioApiBaseUrl: sandbox.url,
    });
    const calls: Record<Exclude<keyof TwilioRestClient, 'accountSid'>, () => Promise<unknown>> = {
      createMessage: () =>
        client.createMessage({ to: DEFAULT_HANDSET, from: DEFAULT_NUMBER, body: 'bundled' }),
      fetchMessage: async () =>
        client.fetchMessage((await client.listMessages({ to: DEFAULT_HANDSET }))[0]?.sid ?? ''),
      listMessages: () => client.listMessages({ to: DEFAULT_HANDSET, limit: 5 }),
      fetchAccount: () => client.fetchAccount(),
      findIncomingNumbers: () => client.findIncomingNumbers(DEFAULT_NUMBER),
      fetchMessagingService: () => client.fetchMessagingService(SERVICE_SID),
      listMessagingServices: () => client.listMessagingServices(),
      listMessagingServiceNumbers: () => client.listMessagingServiceNumbers(SERVICE_SID),
      // The sandbox has no Applications resource: Twilio's 20404 answer proves the call left through the bundle.
      fetchApplication: () => client.fetchApplication(`AP${'0'.repeat(32)}`).catch((error: unknown) => error),
      // Last: it ends the client.
      close: () => client.close(),
    };
    // A method added to the client later must be added above, or this test cannot vouch for the bundle.
    const methods = Object.keys(client).filter((key) => key !== 'accountSid');
    expect(methods.sort()).toEqual(Object.keys(calls).sort());
    const results: Record<string, unknown> = {};
    for (const [name, call] of Object.entries(calls)) results[name] = await call();
    expect(results).toMatchObject({
      createMessage: { to: DEFAULT_HANDSET, body: 'bundled' },
      fetchMessage: { to: DEFAULT_HANDSET, body: 'bundled' },
      listMessages: [{ body: 'bundled' }],
      fetchAccount: { status: 'active' },
      findIncomingNumbers: [{ phoneNumber: DEFAULT_NUMBER }],
      fetchMessagingService: { sid: SERVICE_SID, friendlyName: 'Bundle test' },
      listMessagingServices: [{ sid: SERVICE_SID }],
      listMessagingServiceNumbers: [{ phoneNumber: DEFAULT_NUMBER }],
      fetchApplication: { status: 404, twilioCode: 20404 },
    });
  });

  it('names the missing domain when a left-out one is used', () => {
    const module: { exports?: unknown } = {};
    new Function('module', unbundledDomainModule('Voice'))(module);
    const Voice = module.exports as new () => unknown;
    expect(() => new Voice()).toThrow(/twilio SDK's Voice domain is not in the OpenClaw plugin bundle/);
  });
});
