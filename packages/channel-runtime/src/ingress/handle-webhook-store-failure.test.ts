import {
  type GatewayStore,
  StoreBusyError,
  StoreClosedError,
  StoreUnavailableError,
} from '@sms-channel/store';
import { computeSignature } from '@sms-channel/twilio-signature';
import { describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../testing/recording-logger.js';
import { AUTH_TOKEN, account, inboundForm } from './__fixtures__/webhook-server.js';
import { createWebhookHandler } from './create-webhook-handler.js';
import type { WebhookRequest } from './webhook-request.js';

const URL = 'https://sms.example.com/webhooks/sms';

/** A store whose every write fails with `error`. */
function failingStore(error: Error): Pick<GatewayStore, 'admitInbound' | 'applyDeliveryStatus'> {
  return {
    admitInbound: () => Promise.reject(error),
    applyDeliveryStatus: () => Promise.reject(error),
  };
}

function signedRequest(form: Record<string, string>): WebhookRequest {
  const body = new TextEncoder().encode(new URLSearchParams(form).toString());
  return {
    method: 'POST',
    target: '/webhooks/sms',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': computeSignature(AUTH_TOKEN, URL, form),
    },
    remoteAddress: '127.0.0.1',
    readBody: async () => ({ ok: true, body }),
  };
}

function handlerWith(error: Error) {
  const logger = createRecordingLogger();
  const handler = createWebhookHandler({
    accounts: [account({ publicWebhookUrl: URL })],
    store: failingStore(error),
    logger,
  });
  return { handler, logger };
}

describe('handleWebhook when the store cannot take the message', () => {
  it('answers 503 with Retry-After while the database is unavailable, so Twilio retries', async () => {
    const { handler } = handlerWith(new StoreUnavailableError('db.internal', 5432, 'connect ECONNREFUSED'));
    const response = await handler.handle(signedRequest(inboundForm()));
    expect(response.status).toBe(503);
    expect(response.headers['X-SMS-Channel-Reason']).toBe('store-unavailable');
    expect(response.headers['Retry-After']).toBe('1');
    expect(response.headers['Content-Type']).toMatch(/^text\/xml/);
  });

  it('answers 503 while the store is locked longer than its busy timeout', async () => {
    const { handler } = handlerWith(new StoreBusyError('/var/lib/sms/store.db', 10_000));
    const response = await handler.handle(signedRequest(inboundForm()));
    expect(response.status).toBe(503);
    expect(response.headers['X-SMS-Channel-Reason']).toBe('store-unavailable');
  });

  it("logs the store's reason with the first such refusal", async () => {
    const { handler, logger } = handlerWith(
      new StoreUnavailableError('db.internal', 5432, 'connect ECONNREFUSED'),
    );
    await handler.handle(signedRequest(inboundForm()));
    const warning = logger.lines.find((entry) => entry.level === 'warn');
    expect(warning?.fields).toMatchObject({
      status: 503,
      reason: 'store-unavailable',
      error: expect.stringContaining('db.internal:5432 is unavailable'),
    });
  });

  it('still answers 500 to any other store failure', async () => {
    const { handler } = handlerWith(new StoreClosedError('/var/lib/sms/store.db'));
    const response = await handler.handle(signedRequest(inboundForm()));
    expect(response.status).toBe(500);
    expect(response.headers['X-SMS-Channel-Reason']).toBe('internal-error');
  });
});
