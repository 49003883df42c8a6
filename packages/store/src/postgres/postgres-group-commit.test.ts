import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  adminClient,
  closeAdminClient,
  dropSchema,
  emptySchema,
  freshSchema,
  openTestStore,
} from '../__fixtures__/postgres.js';
import type { PostgresGatewayStore } from './open-postgres-store.js';

const schema = freshSchema();
let store: PostgresGatewayStore;
let admin: pg.Client;

beforeAll(async () => {
  store = await openTestStore(schema);
  admin = await adminClient();
});
beforeEach(() => emptySchema(schema));
afterAll(async () => {
  await store.close();
  await admin.end();
  await closeAdminClient();
  await dropSchema(schema);
});

/** How many transactions wrote the rows: rows written by one transaction share its `xmin`. */
async function writingTransactions(): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    `SELECT count(DISTINCT xmin::text) AS n FROM "${schema}".inbound`,
  );
  return Number(rows[0]?.n);
}

describe('group commit on PostgreSQL', () => {
  it('writes the admits issued together in one transaction, each resolved once it committed', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store.admitInbound('acct', `SM${i}`, { From: `+1555555${1000 + (i % 10)}` }),
      ),
    );
    expect(results.every((result) => !result.duplicate)).toBe(true);
    expect(await writingTransactions()).toBe(1);
    expect((await store.countInbound()).pending).toBe(100);
  });

  it('writes the admits made while a batch is being committed together, in the next transaction', async () => {
    // Hold the first batch's INSERT behind a table lock, then admit one webhook per event-loop turn meanwhile,
    // as webhooks read one by one arrive.
    await admin.query('BEGIN');
    await admin.query(`LOCK TABLE "${schema}".inbound IN SHARE MODE`);
    const first = store.admitInbound('acct', 'SM-first', { From: '+15555550100' });
    const later: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      later.push(store.admitInbound('acct', `SM-later-${i}`, { From: `+1555555${1000 + i}` }));
    }
    await admin.query('COMMIT');
    await Promise.all([first, ...later]);
    expect(await writingTransactions()).toBe(2);
    expect((await store.countInbound()).pending).toBe(21);
  });

  it("keeps the order of admits issued together: a sender's first is handed out first", async () => {
    const sids = ['SMa', 'SMb', 'SMc'];
    await Promise.all(sids.map((sid) => store.admitInbound('acct', sid, { From: '+15555550199' })));
    const handled: string[] = [];
    for (let message = await store.claimInbound(); message !== null; message = await store.claimInbound()) {
      handled.push(message.messageSid);
      await store.completeInbound(message.id);
    }
    expect(handled).toEqual(sids);
  });
});
