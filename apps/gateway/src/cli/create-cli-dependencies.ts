import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { TwilioRestClient } from '@sms-channel/twilio-messaging';
import type { CliDependencies } from './cli-context.js';
import { UsageError } from './cli-error.js';

function credentialsOf(account: ResolvedSmsAccount) {
  const { accountSid, authToken } = account;
  if (accountSid === undefined || authToken === undefined) {
    const missing = accountSid === undefined ? 'accountSid' : 'authToken';
    throw new UsageError(`SMS account "${account.accountId}" has no ${missing}`);
  }
  return { accountSid, authToken, twilioApiBaseUrl: account.twilioApiBaseUrl };
}

/**
 * The real dependencies: the gateway's config loader and store factory, the Twilio client and send helper,
 * the gateway runtime. Each is imported when first used, so `--help`, a usage error or `channels
 * capabilities` do not pay for zod, SQLite or the markdown parser.
 */
export function createCliDependencies(): CliDependencies {
  // Every Twilio client of the run, closed at its end: a request the probe gave up on would otherwise keep
  // the process alive until the request's own timeout.
  const opened: Promise<TwilioRestClient>[] = [];
  const open = (account: ResolvedSmsAccount, timeoutMs?: number) => {
    const credentials = credentialsOf(account);
    const client = import('@sms-channel/twilio-messaging').then((m) =>
      m.createTwilioRestClient(credentials, timeoutMs === undefined ? {} : { timeoutMs }),
    );
    opened.push(client);
    return client;
  };
  // One sending client per account for the whole run (a `message send` of several parts reuses its connection).
  const senders = new Map<string, Promise<TwilioRestClient>>();
  const senderFor = (account: ResolvedSmsAccount) => {
    let client = senders.get(account.accountId);
    if (client === undefined) {
      client = open(account);
      senders.set(account.accountId, client);
    }
    return client;
  };

  return {
    async loadConfig({ path, env, secrets }) {
      const { loadGatewayConfig } = await import('../app-config/load-gateway-config.js');
      return loadGatewayConfig({ path, env, secrets });
    },
    async openStore(config) {
      const { openGatewayStore } = await import('../runtime/open-gateway-store.js');
      return (await openGatewayStore(config.store, { thread: false })).store;
    },
    async sendSms({ account, to, body, mediaUrls }) {
      const [{ sendMessage }, client] = await Promise.all([
        import('@sms-channel/twilio-messaging'),
        senderFor(account),
      ]);
      const { sender } = account;
      if (sender === undefined) throw new UsageError(`SMS account "${account.accountId}" has no sender`);
      const from = sender.kind === 'number' ? { from: sender.from } : { messagingServiceSid: sender.sid };
      const sent = await sendMessage(client, {
        to,
        body,
        ...from,
        ...(mediaUrls === undefined ? {} : { mediaUrls }),
      });
      return { sid: sent.sid, status: sent.status };
    },
    createProbeApi: (account, { timeoutMs }) => open(account, timeoutMs),
    async startGateway({ configPath, env, host, port }) {
      const { startGateway } = await import('../runtime/start-gateway.js');
      return startGateway({ configPath, env, host, port });
    },
    now: () => Date.now(),
    async close() {
      const clients = await Promise.allSettled(opened.splice(0));
      await Promise.all(
        clients.map((client) => (client.status === 'fulfilled' ? client.value.close() : undefined)),
      );
    },
  };
}
