import { request } from 'node:http';
import { createSandbox, DEFAULT_HANDSET, type Sandbox } from '@sms-channel/sandbox';
import { computeSignature } from '@sms-channel/twilio-signature';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort, writeGatewayConfig } from './__fixtures__/gateway-setup.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

let sandbox: Sandbox;
let gateway: RunningGateway | undefined;

beforeEach(async () => {
  sandbox = createSandbox({ deliveryDelayMs: 5 });
  await sandbox.start();
});
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
  await sandbox.stop();
});

/** A drain the test ends by hand: it records how long the gateway asked to wait. */
function heldDrain() {
  let release: () => void = () => undefined;
  let entered: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const asked: number[] = [];
  return {
    asked,
    started,
    release: () => release(),
    wait: (ms: number) => {
      asked.push(ms);
      entered();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    },
  };
}

async function start(drain: ReturnType<typeof heldDrain>, gatewaySettings: Record<string, unknown> = {}) {
  const port = await freePort();
  const { file } = writeGatewayConfig(sandbox, port, { gateway: gatewaySettings });
  sandbox.admin.setSmsUrl('+12025550100', `http://127.0.0.1:${port}/webhooks/sms`);
  gateway = await startGateway({ configPath: file, env: {}, pollIntervalMs: 50, drainWait: drain.wait });
  return gateway;
}

describe('closing a gateway a load balancer watches', () => {
  it('fails /readyz at once and keeps answering webhooks for shutdownDrainMs', async () => {
    const drain = heldDrain();
    const running = await start(drain, { shutdownDrainMs: 4000 });
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);

    const closing = running.close();
    await drain.started;
    expect(drain.asked).toEqual([4000]);
    const readyz = await fetch(`${running.url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ ok: false, reason: 'draining' });
    const { webhook } = await sandbox.phones.send({ from: DEFAULT_HANDSET, body: 'sent while draining' });
    expect(webhook?.attempts.map((attempt) => attempt.status)).toEqual([200]);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);

    drain.release();
    await closing;
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });
});

describe('closing a gateway nothing watches', () => {
  it('does not wait for a drain', async () => {
    const drain = heldDrain();
    const running = await start(drain, { shutdownDrainMs: 300_000 });
    await fetch(`${running.url}/healthz`);
    await running.close();
    expect(drain.asked).toEqual([]);
  });

  it('lets a webhook in flight when shutdown begins finish, answering it with Connection: close', async () => {
    const running = await start(heldDrain());
    const url = `${running.url}/webhooks/sms`;
    const form = {
      MessageSid: 'SM0000000000000000000000000000a1b2',
      AccountSid: sandbox.accountSid,
      From: DEFAULT_HANDSET,
      To: '+12025550100',
      Body: 'in flight at shutdown',
    };
    const body = new URLSearchParams(form).toString();
    let closing: Promise<void> | undefined;
    const answered = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
          'X-Twilio-Signature': computeSignature(sandbox.authToken, url, form),
          // The server's 100 Continue tells that it has read the headers: the request is in flight there.
          Expect: '100-continue',
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
      });
      req.on('error', reject);
      req.on('continue', () => {
        // Shutdown starts (nothing watches /readyz, so it stops listening at once), then the body arrives.
        closing = running.close();
        req.end(body);
      });
      req.flushHeaders();
    });
    expect(await answered).toEqual({ status: 200, connection: 'close' });
    await closing;
  });
});
