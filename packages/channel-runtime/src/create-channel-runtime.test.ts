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
});
