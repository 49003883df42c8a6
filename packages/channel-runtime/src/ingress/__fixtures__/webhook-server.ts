import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import type { ResolvedSmsAccount } from '@sms-channel/config';
import { type GatewayStore, openStore, type SqliteGatewayStore } from '@sms-channel/store';
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
  /** Resolves once the server has received the headers of `count` requests in all. */
  requestsSeen(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookServer(
  options: {
    accounts?: ResolvedSmsAccount[];
    limits?: Partial<IngressLimits>;
    trustProxy?: boolean;
    logger?: Logger;
    /** Wraps the store the webhook admits into (e.g. to hold commits back). */
    wrapStore?: (store: SqliteGatewayStore) => Pick<GatewayStore, 'admitInbound' | 'applyDeliveryStatus'>;
  } = {},
): Promise<WebhookServer> {
  const store = await openStore(':memory:');
  let origin: string | undefined;
  const state = { admitted: 0, seen: 0 };
  const waiters: { count: number; resolve: () => void }[] = [];
  const handler = createWebhookHandler({
    accounts: options.accounts ?? [account()],
    store: options.wrapStore?.(store) ?? store,
    logger: options.logger ?? silentLogger,
    limits: options.limits ?? {},
    trustProxy: options.trustProxy ?? false,
    listenOrigin: () => origin,
    onAdmitted: () => {
      state.admitted += 1;
    },
  });
  const server: Server = createServer((req, res) => {
    state.seen += 1;
    for (const waiter of waiters.filter((entry) => entry.count <= state.seen)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    void handler.handleNode(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    store,
    handler,
    get admitted() {
      return state.admitted;
    },
    requestsSeen: (count) =>
      count <= state.seen ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
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

/** A request written on a raw socket, and what came back on it. */
export interface RawRequest {
  socket: Socket;
  /** Resolves with everything the server sent, once it closed the connection (or the socket failed). */
  closed: Promise<{ received: string; error: string | undefined }>;
  /** Resolves with what the server sent once `count` whole answers (head and body) came back, or it closed. */
  answers(count: number): Promise<string>;
}

/** The status code of the first HTTP answer in `received`, or undefined. */
export function statusOf(received: string): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
  return match === null ? undefined : Number(match[1]);
}

/**
 * Opens a connection and writes the head of a form POST to `path` declaring `contentLength` body bytes, then
 * `body` (possibly fewer bytes than declared: a stalled upload). Reading starts at once unless `paused`.
 */
export function rawPost(
  url: string,
  path: string,
  options: { contentLength: number; body?: string; headers?: Record<string, string>; paused?: boolean },
): RawRequest {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  let error: string | undefined;
  const waiters: { count: number; resolve: (text: string) => void }[] = [];
  const settle = (force: boolean) => {
    for (const waiter of [...waiters]) {
      if (!force && countAnswers(received) < waiter.count) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(received);
    }
  };
  const closed = new Promise<{ received: string; error: string | undefined }>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      settle(false);
    });
    socket.on('error', (failure: NodeJS.ErrnoException) => {
      error ??= failure.code ?? failure.message;
    });
    socket.on('close', () => {
      settle(true);
      resolve({ received, error });
    });
  });
  if (options.paused === true) socket.pause();
  const headers = {
    Host: hostname,
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': String(options.contentLength),
    ...options.headers,
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n${options.body ?? ''}`);
  const answers = (count: number) =>
    countAnswers(received) >= count || socket.destroyed
      ? Promise.resolve(received)
      : new Promise<string>((resolve) => waiters.push({ count, resolve }));
  return { socket, closed, answers };
}

/** Whole HTTP answers in `text` (each head with its `Content-Length` body). */
function countAnswers(text: string): number {
  let count = 0;
  let rest = text;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) return count;
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(rest.slice(0, end))?.[1] ?? 0);
    if (rest.length < end + 4 + length) return count;
    count += 1;
    rest = rest.slice(end + 4 + length);
  }
}
