import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../logging/create-logger.js';
import { closeOnSignals } from './close-on-signals.js';

// SIGUSR2 stands in for SIGINT/SIGTERM: emitting it on `process` reaches the listeners without a real signal.
describe('closeOnSignals', () => {
  it('closes the gateway on the signal, resolves with it, and stops listening', async () => {
    let closed = 0;
    const before = process.listenerCount('SIGUSR2');
    const done = closeOnSignals(
      {
        logger: createSilentLogger(),
        close: async () => {
          closed += 1;
        },
      },
      ['SIGUSR2'],
    );
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1);
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(await done).toBe('SIGUSR2');
    expect(closed).toBe(1);
    expect(process.listenerCount('SIGUSR2')).toBe(before);
  });

  it('rejects when closing fails', async () => {
    const failure = new Error('store close failed');
    const before = process.listeners('SIGUSR2');
    const done = closeOnSignals(
      {
        logger: createSilentLogger(),
        close: async () => {
          throw failure;
        },
      },
      ['SIGUSR2'],
    );
    process.emit('SIGUSR2', 'SIGUSR2');
    await expect(done).rejects.toBe(failure);
    // Still listening (a second signal exits at once); this test's listener is removed by hand.
    for (const listener of process.listeners('SIGUSR2'))
      if (!before.includes(listener)) process.off('SIGUSR2', listener);
  });
});
