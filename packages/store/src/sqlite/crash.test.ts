import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { crashPayload } from '../__fixtures__/crash-payload.js';
import { captureOutput, spawnFixture } from '../__fixtures__/run-child.js';
import { openTestConnection, testDriver } from '../__fixtures__/test-driver.js';
import { openStore } from './open-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sms-store-crash-'));
const path = join(dir, 'store.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function acknowledged(stdout: string): string[] {
  // The last line may have been cut by the kill; only complete lines count.
  return stdout
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.startsWith('ok '))
    .map((line) => line.slice(3));
}

/** Runs the admit loop until it has acknowledged some admits, kills it at a random moment, returns its acks. */
async function admitUntilKilled(round: number): Promise<string[]> {
  const child = spawnFixture('admit-loop.ts', [path, String(round)]);
  const output = captureOutput(child);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const wanted = 50 + Math.floor(Math.random() * 400);
  for (let waited = 0; acknowledged(output.stdout).length < wanted; waited += 10) {
    if (child.exitCode !== null || waited > 15_000) throw new Error(`admit loop stalled: ${output.stderr}`);
    await sleep(10);
  }
  await sleep(Math.random() * 50);
  child.kill('SIGKILL');
  await exited;
  return acknowledged(output.stdout);
}

describe('a process killed with SIGKILL while admitting', () => {
  it('loses no admit that resolved, duplicates none and leaves nothing half-written', {
    timeout: 60_000,
  }, async () => {
    const acked = new Set<string>();
    for (let round = 0; round < 4; round++) {
      for (const sid of await admitUntilKilled(round)) acked.add(sid);
    }
    expect(acked.size).toBeGreaterThan(100);

    const raw = await openTestConnection(path, { readOnly: true });
    expect(raw.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    raw.close();

    const store = await openStore(path, { driver: testDriver });
    const claimed = new Map<string, unknown>();
    for (let message = await store.claimInbound(); message !== null; message = await store.claimInbound()) {
      expect(claimed.has(message.messageSid)).toBe(false);
      claimed.set(message.messageSid, message.payload);
      await store.completeInbound(message.id);
    }
    for (const [sid, payload] of claimed) expect(payload).toEqual(crashPayload(sid));
    const missing = [...acked].filter((sid) => !claimed.has(sid));
    expect(missing).toEqual([]);
    await store.close();
  });
});
