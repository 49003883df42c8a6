import { describe, expect, it, vi } from 'vitest';
import { createTaskTracker } from './task-tracker.js';

describe('createTaskTracker', () => {
  it("hands a task's failure and its message SID to onError", async () => {
    const heard: Array<[unknown, string]> = [];
    const tasks = createTaskTracker((error, messageSid) => heard.push([error, messageSid]));
    const boom = new Error('boom');
    tasks.run(async () => {
      throw boom;
    }, 'SM1');
    await vi.waitFor(() => expect(heard).toEqual([[boom, 'SM1']]));
    await tasks.stop();
  });

  it('drops the failure that stopping causes', async () => {
    const heard: unknown[] = [];
    const tasks = createTaskTracker((error) => heard.push(error));
    tasks.run(() => tasks.sleep(60_000), 'SM1');
    await tasks.stop();
    expect(heard).toEqual([]);
  });

  it('runs nothing once stopped', async () => {
    const tasks = createTaskTracker(() => {});
    await tasks.stop();
    let ran = false;
    tasks.run(async () => {
      ran = true;
    }, 'SM1');
    expect(ran).toBe(false);
  });
});

describe('createTaskTracker waits', () => {
  it('lets 50 deliveries wait at once without a MaxListeners warning, and stop() ends every wait', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const tracker = createTaskTracker(() => {});
      const waits = Array.from({ length: 50 }, () =>
        tracker.sleep(60_000).then(
          () => 'slept',
          () => 'stopped',
        ),
      );
      await tracker.stop();
      expect(await Promise.all(waits)).toEqual(Array.from({ length: 50 }, () => 'stopped'));
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('resolves a wait after its time when nothing stops it', async () => {
    const tracker = createTaskTracker(() => {});
    await expect(tracker.sleep(5)).resolves.toBeUndefined();
    await tracker.stop();
  });
});
