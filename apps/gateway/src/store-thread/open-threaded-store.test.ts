import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@sms-channel/store';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openThreadedStore,
  PAIRING_METHODS,
  STORE_METHODS,
  StoreThreadError,
} from './open-threaded-store.js';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sms-store-thread-'));
  dirs.push(dir);
  return join(dir, 'store.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function methodsOf(object: object): string[] {
  const names = new Set<string>();
  for (
    let proto: object | null = object;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor' && typeof Reflect.get(object, name) === 'function') names.add(name);
    }
  }
  return [...names].sort();
}

describe('openThreadedStore', () => {
  it('forwards every method of the SQLite store and of its pairing store', async () => {
    const real = await openStore(':memory:');
    expect([...STORE_METHODS].sort()).toEqual(methodsOf(real));
    expect([...PAIRING_METHODS].sort()).toEqual(methodsOf(real.pairing));
    await real.close();
  });

  it('admits, claims and completes through the thread', async () => {
    const store = await openThreadedStore(tempFile());
    expect(await store.admitInbound('default', 'SM1', { From: '+12025550142', Body: 'hi' })).toEqual({
      duplicate: false,
    });
    expect(await store.admitInbound('default', 'SM1', { From: '+12025550142', Body: 'hi' })).toEqual({
      duplicate: true,
    });
    const claimed = await store.claimInbound();
    expect(claimed).toMatchObject({ messageSid: 'SM1', sender: '+12025550142', payload: { Body: 'hi' } });
    expect(await store.completeInbound(claimed?.id ?? 0)).toEqual({ ok: true });
    await store.close();
  });

  it('reaches the pairing store', async () => {
    const store = await openThreadedStore(tempFile());
    await store.pairing.addApproved('default', '+12025550142');
    expect(await store.pairing.isApproved('default', '+12025550142')).toBe(true);
    await store.close();
  });

  it('keeps what was admitted on disk, for another connection to read', async () => {
    const file = tempFile();
    const store = await openThreadedStore(file);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.admitInbound('default', `SM${i}`, { From: '+12025550142' })),
    );
    await store.close();
    const reader = await openStore(file);
    expect((await reader.countInbound()).pending).toBe(50);
    await reader.close();
  });

  it("rejects with the store's error name and code", async () => {
    const store = await openThreadedStore(tempFile());
    const error = await store.admitInbound('', 'SM1', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreThreadError);
    expect(error).toMatchObject({ name: 'StoreArgumentError' });
    await store.close();
  });

  it('fails to open a file that is not a store, naming the reason', async () => {
    await expect(openThreadedStore('/proc/version')).rejects.toBeInstanceOf(StoreThreadError);
  });

  it('refuses calls after close', async () => {
    const store = await openThreadedStore(tempFile());
    await store.close();
    await expect(store.countInbound()).rejects.toMatchObject({ name: 'StoreClosedError' });
  });
});
