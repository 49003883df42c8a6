import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFixture, spawnFixture, waitForLine } from '../__fixtures__/run-child.js';
import { testDriver } from '../__fixtures__/test-driver.js';
import { openStore, type SqliteGatewayStore } from './open-store.js';

let dir: string;
let path: string;
let store: SqliteGatewayStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sms-store-two-'));
  path = join(dir, 'store.db');
  store = await openStore(path, { driver: testDriver });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('two processes on one file', () => {
  it('lets the gateway see a pairing the CLI approved from another process', {
    timeout: 20_000,
  }, async () => {
    expect(await store.pairing.isApproved('acct', '+15555550101')).toBe(false);
    await runFixture('store-cli.ts', [path, 'approve', 'acct', '+15555550101']);
    expect(await store.pairing.isApproved('acct', '+15555550101')).toBe(true);
  });

  it('lets another process see what the gateway admitted', { timeout: 20_000 }, async () => {
    await store.admitInbound('acct', 'SM1', { From: '+15555550101' });
    const counts = JSON.parse(await runFixture('store-cli.ts', [path, 'count']));
    expect(counts).toMatchObject({ pending: 1 });
  });

  it('admits each MessageSid once when two processes admit overlapping messages at once', {
    timeout: 20_000,
  }, async () => {
    const [one, two] = await Promise.all([
      runFixture('store-cli.ts', [path, 'admit', 'acct', '0', '300']),
      runFixture('store-cli.ts', [path, 'admit', 'acct', '150', '300']),
    ]);
    const admitted = JSON.parse(one).admitted + JSON.parse(two).admitted;
    expect(admitted).toBe(450);
    expect((await store.countInbound()).pending).toBe(450);
  });

  it('waits out a write lock another process holds with its event loop free, and never surfaces SQLITE_BUSY', {
    timeout: 20_000,
  }, async () => {
    // The holder keeps the lock until this process tells it to let go: the admit can only succeed if this
    // process's event loop runs (to send `release`) while the admit waits for the lock.
    const holder = spawnFixture('hold-write-lock.ts', [path, 'until-told'], { stdin: 'pipe' });
    const exited = new Promise((resolve) => holder.on('exit', resolve));
    await waitForLine(holder, 'locked');
    let settled = false;
    const admitted = store.admitInbound('acct', 'SM1', { From: '+15555550101' }).finally(() => {
      settled = true;
    });
    // The admit's first try runs in the next check phase (the write queue's setImmediate) and meets the lock;
    // this immediate, queued after it, runs once that try has given the loop back.
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    holder.stdin?.end('release\n');
    expect(await admitted).toEqual({ duplicate: false });
    await exited;
    // The holder's write committed first, then the admit's.
    expect(await store.isOptedOut('acct', '+15555550999')).toBe(true);
  });

  it('fails with StoreBusyError naming the file when the lock outlives the busy timeout', {
    timeout: 20_000,
  }, async () => {
    const impatient = await openStore(path, { busyTimeoutMs: 300, driver: testDriver });
    const holder = spawnFixture('hold-write-lock.ts', [path, '3000']);
    const exited = new Promise((resolve) => holder.on('exit', resolve));
    await waitForLine(holder, 'locked');
    const failure = impatient.admitInbound('acct', 'SM1', { From: '+15555550101' });
    await expect(failure).rejects.toMatchObject({ name: 'StoreBusyError', path });
    holder.kill('SIGKILL');
    await exited;
    await impatient.close();
  });
});
