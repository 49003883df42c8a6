import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResolvedSmsAccount } from '@sms-channel/config';
import { openStore, type SqliteGatewayStore } from '@sms-channel/store';
import { computeSignature } from '@sms-channel/twilio-signature';
import { type Logger, silentLogger } from '../../logger.js';
import { createWebhookHandler, type WebhookHandler } from '../create-webhook-handler.js';
import type { IngressLimits } from '../ingress-limits.js';

export const ACCOUNT_SID = 'AC5a4db0c05a4db0c05a4db0c05a4db0c0';
export const AUTH_TOKEN = 'f4cec0def4cec0def4cec0def4cec0de';
export const NUMBER = '+12025550100';
export const HANDSET = '+12025550142';

/**
 * A resolved account as `resolveSmsAccounts` would give it. Its `sender` follows the number and Messaging Service
 * given (the number wins), unless the overrides name one.
 */
export function account(overrides: Partial<ResolvedSmsAccount> = {}): ResolvedSmsAccount {
  const resolved: ResolvedSmsAccount = {
    accountId: 'default',
    name: undefined,
    isDefault: true,
    enabled: true,
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    authTokenSource: 'config',
    sender: undefined,
    fromNumber: NUMBER,
    messagingServiceSid: undefined,
    defaultTo: undefined,
    webhookPath: '/webhooks/sms',
    publicWebhookUrl: undefined,
    dmPolicy: 'pairing',
    allowFrom: [],
    textChunkLimit: 1500,
    dangerouslyDisableSignatureValidation: false,
    mediaMaxMb: 5,
    smartEncoding: true,
    failureReply: undefined,
    twilioApiBaseUrl: 'https://api.twilio.com',
    complete: true,
    missing: [],
    warnings: [],
    ...overrides,
  };
  if ('sender' in overrides) return resolved;
  const { fromNumber, messagingServiceSid } = resolved;
  const sender =
    fromNumber !== undefined
      ? ({ kind: 'number', from: fromNumber } as const)
      : messagingServiceSid !== undefined
        ? ({ kind: 'messaging-service', sid: messagingServiceSid } as const)
        : undefined;
  return { ...resolved, sender };
}

export interface WebhookServer {
  url: string;
  store: SqliteGatewayStore;
  handler: WebhookHandler;
  admitted: number;
  close(): Promise<void>;
}

export async function startWebhookServer(
  options: {
    accounts?: ResolvedSmsAccount[];
    limits?: Partial<IngressLimits>;
    trustProxy?: boolean;
    logger?: Logger;
  } = {},
): Promise<WebhookServer> {
  const store = await openStore(':memory:');
  let origin: string | undefined;
  const state = { admitted: 0 };
  const handler = createWebhookHandler({
    accounts: options.accounts ?? [account()],
    store,
    logger: options.logger ?? silentLogger,
    limits: options.limits ?? {},
    trustProxy: options.trustProxy ?? false,
    listenOrigin: () => origin,
    onAdmitted: () => {
      state.admitted += 1;
    },
  });
  const server: Server = createServer((req, res) => void handler.handleNode(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    store,
    handler,
    get admitted() {
      return state.admitted;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}

let counter = 0;
/** A fresh Twilio-style Message SID. */
export function messageSid(): string {
  counter += 1;
  return `SM${counter.toString(16).padStart(32, '0')}`;
}

/** The form Twilio posts for an inbound SMS. */
export function inboundForm(overrides: Record<string, string> = {}): Record<string, string> {
  const sid = overrides.MessageSid ?? messageSid();
  return {
    MessageSid: sid,
    SmsSid: sid,
    SmsMessageSid: sid,
    AccountSid: ACCOUNT_SID,
    From: HANDSET,
    To: NUMBER,
    Body: 'hello',
    NumMedia: '0',
    NumSegments: '1',
    SmsStatus: 'received',
    ApiVersion: '2010-04-01',
    ...overrides,
  };
}

/** POSTs a form signed as Twilio would sign it for `signedUrl` (default: the URL it is posted to). */
export function postSigned(
  url: string,
  form: Record<string, string>,
  options: { signedUrl?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const signature = computeSignature(options.token ?? AUTH_TOKEN, options.signedUrl ?? url, form);
  return fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': signature,
      ...options.headers,
    },
    body: new URLSearchParams(form).toString(),
  });
}
