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
 * The real dependencies: the gateway's config loader, the SQLite store, the Twilio client and send helper,
 * the gateway runtime. Each is imported when first used, so `--help`, a usage error or `channels
 * capabilities` do not pay for zod, SQLite or the markdown parser.
 */
export function createCliDependencies(): CliDependencies {
  // One REST client per account for the whole run (a `message send` of several parts reuses its connection).
  const clients = new Map<string, Promise<TwilioRestClient>>();
  const clientFor = (account: ResolvedSmsAccount) => {
    let client = clients.get(account.accountId);
    if (client === undefined) {
      const credentials = credentialsOf(account);
      client = import('@sms-channel/twilio-messaging').then((m) => m.createTwilioRestClient(credentials));
      clients.set(account.accountId, client);
    }
    return client;
  };

  return {
    async loadConfig({ path, env, secrets }) {
      const { loadGatewayConfig } = await import('../app-config/load-gateway-config.js');
      return loadGatewayConfig({ path, env, secrets });
    },
    async openStore(path) {
      const { openStore } = await import('@sms-channel/store');
      return openStore(path);
    },
    async sendSms({ account, to, body, mediaUrls }) {
      const [{ sendMessage }, client] = await Promise.all([
        import('@sms-channel/twilio-messaging'),
        clientFor(account),
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
    createProbeApi: (account) => clientFor(account),
    async startGateway({ configPath, env, host, port }) {
      const { startGateway } = await import('../runtime/start-gateway.js');
      return startGateway({ configPath, env, host, port });
    },
    now: () => Date.now(),
  };
}
