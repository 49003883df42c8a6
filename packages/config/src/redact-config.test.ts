import { describe, expect, it } from 'vitest';
import { AUTH_TOKEN, example } from './__fixtures__/examples.js';
import { redactConfig, redactSecret } from './redact-config.js';

describe('redactConfig', () => {
  it('shows only the last 4 characters of authToken, at every level', () => {
    const config = {
      channels: { sms: { authToken: AUTH_TOKEN, accounts: { a: { authToken: 'abcdefghijkl7890' } } } },
    };
    expect(redactConfig(config)).toEqual({
      channels: { sms: { authToken: '****cdef', accounts: { a: { authToken: '****7890' } } } },
    });
  });

  it('masks a short secret entirely', () => {
    expect(redactSecret('abc123')).toBe('****');
  });

  it('keeps secret refs, which say where a secret is and not what it is', () => {
    const ref = { source: 'env', provider: 'default', id: 'TWILIO_AUTH_TOKEN' };
    expect(redactConfig({ authToken: ref })).toEqual({ authToken: ref });
  });

  it("masks the app's own tokens and keys too, but not counters such as maxTokens", () => {
    const redacted = redactConfig(example('with-other-sections'));
    expect(redacted.gateway).toEqual({ port: 18789, token: '****1234' });
    expect(redacted.agent).toEqual({ model: 'some-model', maxTokens: 800 });
  });

  it('leaves its input untouched', () => {
    const config = { authToken: AUTH_TOKEN };
    redactConfig(config);
    expect(config.authToken).toBe(AUTH_TOKEN);
  });

  it('keeps a __proto__ key of a parsed config as a plain property, its secrets masked, never a prototype', () => {
    const config = JSON.parse(`{"__proto__": {"authToken": "${AUTH_TOKEN}"}}`) as Record<string, unknown>;
    const redacted = redactConfig(config);
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(Object.keys(redacted)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(redacted, '__proto__')?.value).toEqual({ authToken: '****cdef' });
  });
});
