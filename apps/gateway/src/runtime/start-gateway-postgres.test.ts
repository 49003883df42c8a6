import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createSandbox, DEFAULT_HANDSET, type Sandbox } from '@sms-channel/sandbox';
import { isStoreUnavailableError, openPostgresStore } from '@sms-channel/store';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort, writeGatewayConfig } from './__fixtures__/gateway-setup.js';
import { startTestCluster, type TestCluster } from './__fixtures__/postgres-cluster.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

// One cluster for the file: the outage test stops and restarts it.
let cluster: TestCluster;
let sandbox: Sandbox;
let gateway: RunningGateway | undefined;

beforeAll(() => {
  cluster = startTestCluster();
});
afterAll(() => cluster.destroy());
beforeEach(async () => {
  sandbox = createSandbox({ deliveryDelayMs: 5 });
  await sandbox.start();
});
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
  await sandbox.stop();
});

const freshSchema = () => `gw_${randomBytes(6).toString('hex')}`;

async function start(store: Record<string, unknown>, env: Record<string, string> = {}) {
  const port = await freePort();
  const { file } = writeGatewayConfig(sandbox, port, {
    gateway: { store, shutdownGraceMs: 2000 },
    sms: { dmPolicy: 'open', allowFrom: ['*'] },
  });
  sandbox.admin.setSmsUrl('+12025550100', `http://127.0.0.1:${port}/webhooks/sms`);
  gateway = await startGateway({ configPath: file, env, pollIntervalMs: 50 });
  return gateway;
}

/** Asks /readyz until it answers `status` (the pool notices a restarted server on its next call). */
async function readyzUntil(url: string, status: number): Promise<unknown> {
  for (;;) {
    const response = await fetch(`${url}/readyz`);
    const body = await response.json();
    if (response.status === status) return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a gateway on PostgreSQL', { timeout: 120_000 }, () => {
  it('queues and answers through the database gateway.store.url names, its password from a secret ref', async () => {
    const schema = freshSchema();
    const running = await start(
      { url: cluster.url, password: { source: 'env', id: 'TEST_DB_PASSWORD' }, schema, poolSize: 3 },
      { TEST_DB_PASSWORD: cluster.password },
    );
    expect(await (await fetch(`${running.url}/readyz`)).json()).toEqual({ ok: true });
    await sandbox.phones.send({ from: DEFAULT_HANDSET, body: 'hi over postgres' });
    await sandbox.phones.waitForMessage({ to: DEFAULT_HANDSET, body: 'You said: hi over postgres' });

    const direct = await openPostgresStore({
      connectionString: cluster.url,
      password: cluster.password,
      schema,
    });
    await expect.poll(() => direct.countInbound(), { timeout: 30_000 }).toMatchObject({ completed: 1 });
    await direct.close();
  });

  it('answers webhooks 503 and fails /readyz while the database is down, and serves again once it is back', async () => {
    const running = await start({ url: cluster.url, password: cluster.password, schema: freshSchema() });
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);

    cluster.stop();
    try {
      expect(await readyzUntil(running.url, 503)).toMatchObject({
        ok: false,
        reason: 'store-unavailable',
        detail: expect.stringContaining(new URL(cluster.url).host),
      });
      const refused = await sandbox.phones.send({
        from: DEFAULT_HANDSET,
        body: 'while the database is down',
      });
      expect(refused.webhook?.attempts.map((attempt) => attempt.status)).toEqual([503]);
    } finally {
      cluster.start();
    }

    await readyzUntil(running.url, 200);
    const accepted = await sandbox.phones.send({ from: DEFAULT_HANDSET, body: 'back again' });
    expect(accepted.webhook?.attempts.map((attempt) => attempt.status)).toEqual([200]);
    await sandbox.phones.waitForMessage({ to: DEFAULT_HANDSET, body: 'You said: back again' });
  });

  it('refuses to start when the database is down, naming its host and port and leaving nothing open', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const dead = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));

    const port = await freePort();
    const { file } = writeGatewayConfig(sandbox, port, {
      gateway: { store: { url: `postgres://sms@127.0.0.1:${dead}/sms`, password: 'never-shown' } },
    });
    const error = await startGateway({ configPath: file, env: {} }).catch((caught: unknown) => caught);
    expect(isStoreUnavailableError(error)).toBe(true);
    expect((error as Error).message).toContain(`127.0.0.1:${dead}`);
    expect((error as Error).message).not.toContain('never-shown');
    // The port the gateway would have listened on is still free.
    const again = createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => again.close(resolve));
  });
});
