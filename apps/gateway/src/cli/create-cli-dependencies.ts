import type { ResolvedSmsAccount } from '@sms-channel/config';
import { openStore } from '@sms-channel/store';
import { appConfigIssues } from '../app-config/app-config-schema.js';
import { loadGatewayConfig } from '../app-config/load-gateway-config.js';
import { createTwilioClient, type TwilioClient } from '../twilio/create-twilio-client.js';
import { sendSms } from '../twilio/send-sms.js';
import type { CliDependencies } from './cli-context.js';
import { UsageError } from './cli-error.js';
import { createTwilioProbeApi } from './twilio-probe-api.js';

function credentialsOf(account: ResolvedSmsAccount) {
  const { accountSid, authToken } = account;
  if (accountSid === undefined || authToken === undefined) {
    throw new UsageError(
      `SMS account "${account.accountId}" has no ${accountSid === undefined ? 'accountSid' : 'authToken'}`,
    );
  }
  return { accountSid, authToken, twilioApiBaseUrl: account.twilioApiBaseUrl };
}

/** The real dependencies: the gateway's config loader, the SQLite store, the Twilio client and send helper. */
export function createCliDependencies(): CliDependencies {
  // One SDK client per account for the whole run (a `message send` of several parts reuses its connection).
  const clients = new Map<string, Promise<TwilioClient>>();
  const clientFor = (account: ResolvedSmsAccount) => {
    let client = clients.get(account.accountId);
    if (client === undefined) {
      client = createTwilioClient(credentialsOf(account));
      clients.set(account.accountId, client);
    }
    return client;
  };

  return {
    loadConfig: ({ path, env }) => loadGatewayConfig({ path, env }),
    validateAppSections: (config) => appConfigIssues(config),
    openStore: (path) => openStore(path),
    async sendSms({ account, to, body }) {
      const sent = await sendSms(await clientFor(account), {
        to,
        body,
        from: account.fromNumber,
        messagingServiceSid: account.messagingServiceSid,
      });
      return { sid: sent.sid, status: sent.status };
    },
    async createProbeApi(account) {
      return createTwilioProbeApi(await clientFor(account));
    },
    async startGateway() {
      throw new Error('startGateway is not wired yet');
    },
    now: () => Date.now(),
  };
}
