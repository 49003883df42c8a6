import { describe, expect, it, vi } from 'vitest';
import { createSandboxContext } from './sandbox-context.js';
import type { SandboxEvent } from './sandbox-event.js';
import { resolveSandboxOptions } from './sandbox-options.js';

describe('the sandbox background tasks', () => {
  it('record a task that fails on its own (not by stopping) as alert 20500 for its message', async () => {
    const now = new Date('2026-11-26T15:00:00Z');
    const context = createSandboxContext(resolveSandboxOptions({ now: () => now }));
    const events: SandboxEvent[] = [];
    context.events.subscribe((event) => events.push(event));
    context.tasks.run(async () => {
      throw new Error('boom');
    }, 'SM1');
    await vi.waitFor(() => expect(context.alerts).toHaveLength(1));
    expect(context.alerts[0]).toMatchObject({
      sid: expect.stringMatching(/^NO[0-9a-f]{32}$/),
      errorCode: 20500,
      messageSid: 'SM1',
      url: '',
      detail: 'sandbox background task failed: boom',
      dateCreated: now,
    });
    expect(events).toEqual([{ type: 'alert', alert: context.alerts[0] }]);
    await context.tasks.stop();
  });
});
