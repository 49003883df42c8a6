import { afterEach } from 'vitest';
import { createSandbox, type Sandbox } from '../create-sandbox.js';
import type { SandboxOptions } from '../sandbox-options.js';

const running: Array<{ stop(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((thing) => thing.stop()));
});

/** Starts a sandbox with short delays for tests; it (and anything passed to `stopAfterTest`) stops after the test. */
export async function startFastSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = createSandbox({
    deliveryDelayMs: 5,
    webhookTimeoutMs: 2_000,
    webhookRetryDelayMs: 5,
    ...options,
  });
  await sandbox.start();
  running.push(sandbox);
  return sandbox;
}

/** Stops `thing` (a webhook receiver, a browser...) after the current test. */
export function stopAfterTest(thing: { stop(): Promise<void> } | { close(): Promise<void> }): void {
  running.push('stop' in thing ? thing : { stop: () => thing.close() });
}
