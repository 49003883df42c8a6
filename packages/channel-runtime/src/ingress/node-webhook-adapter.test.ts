import { afterEach, describe, expect, it } from 'vitest';
import {
  type RawRequest,
  rawPost,
  startWebhookServer,
  statusOf,
  type WebhookServer,
} from './__fixtures__/webhook-server.js';
import { DRAIN_MAX_BYTES } from './node-webhook-adapter.js';

let server: WebhookServer;
afterEach(() => server?.close());

/**
 * Writes `bytes` of body (honouring back-pressure), then starts reading: a client that looks at the answer only
 * once its upload is sent, as many HTTP clients do.
 */
function uploadThenRead(
  raw: RawRequest,
  bytes: number,
): Promise<{ received: string; error: string | undefined }> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const pump = () => {
    while (sent < bytes) {
      const size = Math.min(chunk.length, bytes - sent);
      sent += size;
      if (!raw.socket.write(chunk.subarray(0, size))) {
        raw.socket.once('drain', pump);
        return;
      }
    }
    raw.socket.end();
    raw.socket.resume();
  };
  pump();
  return raw.closed;
}

describe('writeWebhookResponse: early refusals reach the client (issue 13, item 4)', () => {
  it('answers 413 to a declared oversized body so that a client still sending it reads the answer', async () => {
    server = await startWebhookServer();
    const size = 6 * 1024 * 1024;
    const raw = rawPost(server.url, '/webhooks/sms', { contentLength: size, paused: true });
    const { received } = await uploadThenRead(raw, size);
    expect(statusOf(received)).toBe(413);
  });

  it('answers 404 to an upload on an unknown path so that a client still sending it reads the answer', async () => {
    server = await startWebhookServer();
    const size = 6 * 1024 * 1024;
    const raw = rawPost(server.url, '/elsewhere', { contentLength: size, paused: true });
    const { received } = await uploadThenRead(raw, size);
    expect(statusOf(received)).toBe(404);
  });
});

describe('writeWebhookResponse: connections after an early refusal', () => {
  it('keeps the connection for the next request once a refused body is drained', async () => {
    server = await startWebhookServer({ limits: { maxBodyBytes: 1024 } });
    const body = 'x'.repeat(4096);
    const raw = rawPost(server.url, '/webhooks/sms', { contentLength: body.length, body });
    const answers: number[] = [];
    let received = '';
    const second = new Promise<void>((resolve) => {
      raw.socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        const statuses = [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => Number(match[1]));
        if (statuses.length === 1 && answers.length === 0) {
          answers.push(statuses[0] ?? 0);
          raw.socket.write('GET /webhooks/sms HTTP/1.1\r\nHost: x\r\n\r\n');
        }
        if (statuses.length === 2) {
          answers.push(statuses[1] ?? 0);
          resolve();
        }
      });
    });
    await second;
    raw.socket.destroy();
    expect(answers).toEqual([413, 405]);
  });

  it('closes the connection after the answer when the declared body is past what is drained', async () => {
    server = await startWebhookServer();
    const raw = rawPost(server.url, '/webhooks/sms', { contentLength: DRAIN_MAX_BYTES + 1, paused: false });
    const { received } = await raw.closed;
    expect(statusOf(received)).toBe(413);
    expect(received).toMatch(/\r\nConnection: close\r\n/i);
  });

  it('holds the connection of a body too slow, answered 408, instead of closing it', async () => {
    server = await startWebhookServer({ limits: { bodyTimeoutMs: 50 } });
    const raw = rawPost(server.url, '/webhooks/sms', { contentLength: 500, body: 'B' });
    const received = await raw.answers(1);
    expect(statusOf(received)).toBe(408);
    expect(received).not.toMatch(/\r\nConnection: close\r\n/i);
    expect(raw.socket.readyState).toBe('open');
    raw.socket.destroy();
  });

  it('reads the rest of a body answered 408 as that body, then serves the next request on the connection', async () => {
    server = await startWebhookServer({ limits: { bodyTimeoutMs: 50 } });
    const raw = rawPost(server.url, '/webhooks/sms', { contentLength: 500, body: 'B' });
    expect(statusOf(await raw.answers(1))).toBe(408);
    raw.socket.write(`${'x'.repeat(499)}GET /webhooks/sms HTTP/1.1\r\nHost: x\r\n\r\n`);
    const received = await raw.answers(2);
    expect([...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => match[1])).toEqual(['408', '405']);
    raw.socket.destroy();
  });
});
