import { openStore } from '@sms-channel/store';
import { describe, expect, it } from 'vitest';
import { createChannelRuntime } from './create-channel-runtime.js';
import { isChannelRuntimeError } from './errors.js';
import { account } from './ingress/__fixtures__/webhook-server.js';

const agent = { kind: 'echo', reply: async () => ({ text: 'hi' }) };

describe('createChannelRuntime options', () => {
  it('names a missing option instead of crashing on it later', async () => {
    const store = await openStore(':memory:');
    const attempts: [string, unknown][] = [
      ['accounts', {}],
      ['store', { accounts: [account()] }],
      ['agent', { accounts: [account()], store }],
    ];
    for (const [option, options] of attempts) {
      const error = (() => {
        try {
          createChannelRuntime(options as never);
        } catch (thrown) {
          return thrown;
        }
        return undefined;
      })();
      expect(isChannelRuntimeError(error)).toBe(true);
      expect(error).toMatchObject({ name: 'RuntimeOptionsError', option });
    }
    expect(() => createChannelRuntime({ accounts: [account()], store, agent })).not.toThrow();
    await store.close();
  });

  it('names a turn limit out of order, and takes false for none', async () => {
    const store = await openStore(':memory:');
    const base = { accounts: [account()], store, agent };
    expect(() => createChannelRuntime({ ...base, turnLimit: { highMs: 2, lowMs: 5 } })).toThrow(
      expect.objectContaining({ name: 'RuntimeOptionsError', option: 'turnLimit' }),
    );
    expect(() => createChannelRuntime({ ...base, turnLimit: { min: 0 } })).toThrow(
      expect.objectContaining({ option: 'turnLimit.min' }),
    );
    expect(() => createChannelRuntime({ ...base, turnLimit: false })).not.toThrow();
    // Named even when no worker would use it.
    expect(() => createChannelRuntime({ ...base, workers: 0, turnLimit: { min: 0 } })).toThrow(
      expect.objectContaining({ option: 'turnLimit.min' }),
    );
    await store.close();
  });
});
