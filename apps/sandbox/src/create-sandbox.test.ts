import { describe, expect, it } from 'vitest';
import { startFastSandbox } from './__fixtures__/fast-sandbox.js';
import { sandboxTwilioClient } from './__fixtures__/twilio-client.js';
import { createSandbox } from './create-sandbox.js';
import { SandboxInputError, SandboxNotStartedError, SandboxWaitTimeoutError } from './errors.js';
import type { SandboxEvent } from './sandbox-event.js';

describe('createSandbox lifecycle', () => {
  it('has no URL before start', () => {
    expect(() => createSandbox().url).toThrow(SandboxNotStartedError);
  });

  it('listens on loopback on a free port by default', async () => {
    const sandbox = await startFastSandbox();
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('stops, closing open event streams, and can start again', async () => {
    const sandbox = createSandbox();
    const first = await sandbox.start();
    const stream = await fetch(`${first}/_sandbox/events`);
    const reading = (stream.body as ReadableStream<Uint8Array>).getReader().read();
    await sandbox.stop();
    await reading.catch(() => undefined);
    await expect(fetch(`${first}/_sandbox/health`)).rejects.toThrow();
    const second = await sandbox.start();
    expect((await fetch(`${second}/_sandbox/health`)).status).toBe(200);
    await sandbox.stop();
  });

  it('stops while deliveries are pending, without leaving them running', async () => {
    const sandbox = createSandbox({ deliveryDelayMs: 60_000 });
    await sandbox.start();
    const created = await sandboxTwilioClient(sandbox).messages.create({
      to: '+12025550142',
      from: '+12025550100',
      body: 'x',
    });
    await sandbox.stop();
    expect(sandbox.messages.get(created.sid)?.status).toBe('queued');
  });
});

describe('phones', () => {
  it('refuses a text to a number the sandbox does not have', async () => {
    const sandbox = await startFastSandbox();
    await expect(
      sandbox.phones.send({ from: '+12025550142', to: '+12025550177', body: 'x' }),
    ).rejects.toThrow(SandboxInputError);
  });

  it('waits for a reply that has not arrived yet, up to its status', async () => {
    const sandbox = await startFastSandbox();
    const waiting = sandbox.phones.waitForMessage({
      to: '+12025550142',
      body: /^Reply/,
      status: 'delivered',
    });
    await sandboxTwilioClient(sandbox).messages.create({
      to: '+12025550142',
      from: '+12025550100',
      body: 'Reply 1',
    });
    expect((await waiting).status).toBe('delivered');
  });

  it('gives up waiting with a named error', async () => {
    const sandbox = await startFastSandbox();
    await expect(sandbox.phones.waitForMessage({ to: '+12025550142', timeoutMs: 20 })).rejects.toThrow(
      SandboxWaitTimeoutError,
    );
  });

  it('lists a conversation oldest first, both directions', async () => {
    const sandbox = await startFastSandbox();
    await sandbox.phones.send({ from: '+12025550142', body: 'question' });
    await sandboxTwilioClient(sandbox).messages.create({
      to: '+12025550142',
      from: '+12025550100',
      body: 'answer',
    });
    expect(sandbox.phones.conversation('+12025550142').map((message) => message.body)).toEqual([
      'question',
      'answer',
    ]);
  });

  it('tells subscribers about every message change, and stops when unsubscribed', async () => {
    const sandbox = await startFastSandbox();
    const seen: SandboxEvent['type'][] = [];
    const unsubscribe = sandbox.subscribe((event) => seen.push(event.type));
    await sandbox.phones.send({ from: '+12025550142', body: 'x' });
    unsubscribe();
    await sandbox.phones.send({ from: '+12025550142', body: 'y' });
    expect(seen).toEqual(['message.created']);
  });
});
