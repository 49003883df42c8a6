import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sleepWithSharedAbort } from './shared-abort-sleep.js';

describe('sleepWithSharedAbort', () => {
  it('holds one abort listener on the signal however many waits are in progress', async () => {
    const shutdown = new AbortController();
    const waits = Array.from({ length: 50 }, () => sleepWithSharedAbort(5, shutdown.signal));
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(1);
    await Promise.all(waits);
  });

  it('leaves no listener on the signal once its waits are over', async () => {
    const shutdown = new AbortController();
    await Promise.all([sleepWithSharedAbort(1, shutdown.signal), sleepWithSharedAbort(2, shutdown.signal)]);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });

  it('ends every wait in progress with the reason when the signal aborts', async () => {
    const shutdown = new AbortController();
    const waits = [1, 2, 3].map(() => sleepWithSharedAbort(60_000, shutdown.signal).catch((e: unknown) => e));
    const reason = new Error('stopping');
    shutdown.abort(reason);
    expect(await Promise.all(waits)).toEqual([reason, reason, reason]);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });

  it('rejects at once on a signal that already aborted', async () => {
    const shutdown = new AbortController();
    shutdown.abort(new Error('gone'));
    await expect(sleepWithSharedAbort(60_000, shutdown.signal)).rejects.toThrow('gone');
  });

  it('lets a wait end on its own while others on the same signal go on', async () => {
    const shutdown = new AbortController();
    const long = sleepWithSharedAbort(60_000, shutdown.signal).catch((e: unknown) => e);
    await sleepWithSharedAbort(1, shutdown.signal);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(1);
    shutdown.abort(new Error('stop'));
    expect(await long).toMatchObject({ message: 'stop' });
  });
});
