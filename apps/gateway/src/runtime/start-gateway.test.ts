import { connect } from 'node:net';
import { createPairing } from '@sms-channel/phone-policy';
import { createSandbox, DEFAULT_HANDSET, type Sandbox } from '@sms-channel/sandbox';
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

async function start(extra: Parameters<typeof writeGatewayConfig>[2] = {}) {
  const port = await freePort();
  const { file } = writeGatewayConfig(sandbox, port, extra);
  sandbox.admin.setSmsUrl('+12025550100', `http://127.0.0.1:${port}/webhooks/sms`);
  gateway = await startGateway({ configPath: file, env: {}, pollIntervalMs: 50 });
  return gateway;
}

describe('startGateway', () => {
  it('serves a route per enabled account and GET /healthz', async () => {
    const running = await start();
    expect(running.routes).toEqual([
      {
        accountId: 'default',
        method: 'POST',
        path: '/webhooks/sms',
        url: `${running.url}/webhooks/sms`,
        publicUrl: `${running.url}/webhooks/sms`,
      },
    ]);
    const health = await fetch(`${running.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
  });

  it('pairs an unknown sender, then echoes once the code is approved', async () => {
    const running = await start();
    await sandbox.phones.send({ from: DEFAULT_HANDSET, body: 'hi' });
    const pairingSms = await sandbox.phones.waitForMessage({
      to: DEFAULT_HANDSET,
      body: /pairing approve sms/,
    });
    const code = /approve sms ([2-9A-Z]{8})/.exec(pairingSms.body)?.[1] ?? '';
    await createPairing({ store: running.store.pairing }).approve('default', code);
    await sandbox.phones.send({ from: DEFAULT_HANDSET, body: 'hello again' });
    const reply = await sandbox.phones.waitForMessage({
      to: DEFAULT_HANDSET,
      body: 'You said: hello again',
      status: 'delivered',
    });
    expect(reply.direction).toBe('outbound-api');
  });

  it('refuses to start on a port in use, leaving nothing open', async () => {
    const first = await start();
    const port = Number(new URL(first.url).port);
    const { file } = writeGatewayConfig(sandbox, port);
    await expect(startGateway({ configPath: file, env: {} })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('lets go of a connection that sends nothing after gateway.server.headersTimeoutMs (issue 13, item 3)', async () => {
    const running = await start({
      gateway: { server: { headersTimeoutMs: 200, requestTimeoutMs: 400, timeoutCheckIntervalMs: 100 } },
    });
    const { hostname, port } = new URL(running.url);
    const socket = connect(Number(port), hostname);
    socket.on('error', () => {});
    socket.resume();
    await new Promise((resolve) => socket.once('close', resolve));
    expect(socket.bytesWritten).toBe(0);
  });
});
