import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PendingPairing } from '@sms-channel/phone-policy';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeAdminClient,
  dropSchema,
  emptySchema,
  freshSchema,
  openTestStore,
  server,
} from '../__fixtures__/postgres.js';
import { spawnFixture, waitForLine } from '../__fixtures__/run-child.js';
import type { InboundAdmitted } from '../inbound-queue.js';
import type { PostgresGatewayStore } from './open-postgres-store.js';

// Several gateway instances on one database: each is a store with its own pool, as separate processes have.
const schema = freshSchema();
let instances: PostgresGatewayStore[] = [];

async function openInstances(count: number, now?: () => number): Promise<PostgresGatewayStore[]> {
  const opened = await Promise.all(
    Array.from({ length: count }, () => openTestStore(schema, now === undefined ? {} : { now })),
  );
  instances.push(...opened);
  return opened;
}

beforeEach(() => emptySchema(schema));
afterEach(async () => {
  await Promise.all(instances.map((store) => store.close()));
  instances = [];
});
afterAll(async () => {
  await closeAdminClient();
  await dropSchema(schema);
});

describe('several instances on one database', () => {
  it("hands each sender's messages out one at a time and in order, whichever instance claims them", async () => {
    const stores = await openInstances(3);
    const senders = Array.from({ length: 6 }, (_, i) => `+1555555010${i}`);
    const admitted = new Map<string, string[]>(senders.map((sender) => [sender, []]));
    for (let n = 0; n < 10; n++) {
      for (const [i, sender] of senders.entries()) {
        const sid = `SM${n}x${i}`;
        await (stores[(n + i) % 3] as PostgresGatewayStore).admitInbound('acct', sid, { From: sender });
        admitted.get(sender)?.push(sid);
      }
    }
    const inFlight = new Set<string>();
    const handled = new Map<string, string[]>(senders.map((sender) => [sender, []]));
    const violations: string[] = [];
    let remaining = 60;
    const worker = async (store: PostgresGatewayStore) => {
      while (remaining > 0) {
        const message = await store.claimInbound();
        if (message === null) {
          await nextTurn();
          continue;
        }
        const sender = message.sender as string;
        if (inFlight.has(sender)) violations.push(`${message.messageSid}: ${sender} already in flight`);
        inFlight.add(sender);
        handled.get(sender)?.push(message.messageSid);
        await nextTurn();
        inFlight.delete(sender);
        expect(await store.completeInbound(message.id)).toEqual({ ok: true });
        remaining -= 1;
      }
    };
    await Promise.all(stores.flatMap((store) => [worker(store), worker(store)]));
    expect(violations).toEqual([]);
    expect(handled).toEqual(admitted);
  });

  it("hands a killed instance's claim to another once its lease lapses", { timeout: 60_000 }, async () => {
    const [store] = await openInstances(1);
    await store?.admitInbound('acct', 'SM1', { From: '+15555550101' });
    const child = spawnFixture('postgres-claim-and-hang.ts', [server.socketUrl, schema]);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Ids restart at 1 in each emptied schema: SM1 is row 1.
    await waitForLine(child, 'claimed 1');
    child.kill('SIGKILL');
    await exited;
    expect(await store?.claimInbound()).toBeNull();
    // An instance whose clock is past the dead one's lease.
    const [later] = await openInstances(1, () => Date.now() + 61_000);
    expect(await later?.claimInbound()).toMatchObject({ messageSid: 'SM1', attempts: 2 });
  });

  it('keeps the pending pairing limit when instances create requests at once', async () => {
    const stores = await openInstances(4);
    const now = Date.now();
    const request = (i: number): PendingPairing => ({
      sender: `+1555555020${i}`,
      code: `CODE${String(i).padStart(4, '0')}`,
      createdAt: now,
      expiresAt: now + 3_600_000,
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (stores[i % 4] as PostgresGatewayStore).pairing.getOrCreatePending('acct', request(i), {
          now,
          maxPending: 3,
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'created')).toHaveLength(3);
    expect(results.filter((result) => result.status === 'limit-reached')).toHaveLength(17);
    expect(await stores[0]?.pairing.listPending('acct')).toHaveLength(3);
  });

  it('gives one code to one sender when instances race to hand it to several', async () => {
    const stores = await openInstances(4);
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (stores[i % 4] as PostgresGatewayStore).pairing.getOrCreatePending(
          'acct',
          { sender: `+1555555030${i}`, code: 'SAMECODE', createdAt: now, expiresAt: now + 3_600_000 },
          { now, maxPending: 100 },
        ),
      ),
    );
    expect(results.filter((result) => result.status === 'created')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'code-conflict')).toHaveLength(7);
  });

  it('paces a sender across instances: limit turns start, however many instances ask', async () => {
    const stores = await openInstances(3);
    const waits = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (stores[i % 3] as PostgresGatewayStore).tryAcquireSenderTurn('acct', '+15555550101', {
          limit: 2,
          windowMs: 60_000,
        }),
      ),
    );
    expect(waits.filter((wait) => wait === 0)).toHaveLength(2);
  });

  it('wakes a listener on one instance when another instance admits a message', async () => {
    const [listening, admitting] = await openInstances(2);
    const heard = new Promise<InboundAdmitted>((resolve) => listening?.onInboundAdmitted(resolve));
    // The listener's LISTEN is in place once its own store would notify: an admit through it waits for that.
    await listening?.admitInbound('acct', 'SM0', { From: '+15555550100' });
    const next = new Promise<InboundAdmitted>((resolve) =>
      listening?.onInboundAdmitted((event) => event.messageSid === 'SM1' && resolve(event)),
    );
    await admitting?.admitInbound('acct', 'SM1', { From: '+15555550101' });
    expect(await heard).toMatchObject({ messageSid: 'SM0' });
    expect(await next).toEqual({ accountId: 'acct', messageSid: 'SM1', sender: '+15555550101' });
  });
});
