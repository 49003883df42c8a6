import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FormParams, parseFormBody } from '@sms-channel/twilio-signature';
import { stopAfterTest } from './fast-sandbox.js';

/** One request the receiver got. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingMessage['headers'];
  rawBody: string;
  params: FormParams;
  /** The full URL as the sandbox addressed it (what the signature covers). */
  url: string;
}

/** How the receiver answers one request (default 200 with an empty TwiML response). */
export interface ReceiverAnswer {
  status?: number;
  body?: string;
  contentType?: string;
  /** Wait this long before answering. */
  delayMs?: number;
}

/** A tiny app standing in for a gateway: records every webhook and answers as told. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Resolves once `count` requests arrived on `path` (any path when omitted). */
  waitFor(count: number, path?: string): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  answer: (webhook: ReceivedWebhook) => ReceiverAnswer | Promise<ReceiverAnswer> = () => ({}),
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters = new Set<() => void>();
  let base = '';
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const webhook: ReceivedWebhook = {
      path: request.url ?? '/',
      headers: request.headers,
      rawBody,
      params: parseFormBody(rawBody),
      url: `${base}${request.url ?? '/'}`,
    };
    received.push(webhook);
    for (const wake of waiters) wake();
    const plan = await answer(webhook);
    if (plan.delayMs) await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
    if (response.destroyed) return;
    response.writeHead(plan.status ?? 200, { 'content-type': plan.contentType ?? 'text/xml' });
    response.end(plan.body ?? '<Response></Response>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    received,
    waitFor(count, path) {
      const matching = () => received.filter((webhook) => path === undefined || webhook.path === path);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`only ${matching().length} of ${count} webhooks on ${path ?? 'any path'} arrived`),
          );
        }, 10_000);
        const check = () => {
          if (matching().length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(matching());
        };
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** {@link startWebhookReceiver}, closed after the current test. */
export async function startTestWebhookReceiver(
  ...args: Parameters<typeof startWebhookReceiver>
): Promise<WebhookReceiver> {
  const receiver = await startWebhookReceiver(...args);
  stopAfterTest(receiver);
  return receiver;
}
