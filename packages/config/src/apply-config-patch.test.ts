import { describe, expect, it } from 'vitest';
import { AUTH_TOKEN, example, FROM, OWNER, smsConfig } from './__fixtures__/examples.js';
import { applyConfigPatch } from './apply-config-patch.js';
import { ConfigValidationError } from './config-error.js';

const NO_ENV = { env: {} };

describe('applyConfigPatch', () => {
  it('merges a patch into channels.sms and keeps every other key', () => {
    const { config } = applyConfigPatch(
      example('single-account'),
      smsConfig({ dmPolicy: 'allowlist', allowFrom: [OWNER] }),
      NO_ENV,
    );
    expect(config).toEqual(
      smsConfig({
        ...(example('single-account').channels as { sms: object }).sms,
        dmPolicy: 'allowlist',
        allowFrom: [OWNER],
      }),
    );
  });

  it('deletes a key patched with null', () => {
    const { config } = applyConfigPatch(example('default-to'), smsConfig({ defaultTo: null }), NO_ENV);
    expect((config.channels as { sms: Record<string, unknown> }).sms).not.toHaveProperty('defaultTo');
  });

  it('replaces allowFrom as a whole', () => {
    const { config } = applyConfigPatch(example('allowlist'), smsConfig({ allowFrom: [FROM] }), NO_ENV);
    expect((config.channels as { sms: { allowFrom: string[] } }).sms.allowFrom).toEqual([FROM]);
  });

  it('leaves the input configuration untouched', () => {
    const before = example('single-account');
    applyConfigPatch(before, smsConfig({ fromNumber: OWNER }), NO_ENV);
    expect(before).toEqual(example('single-account'));
  });

  it('returns a diff of the change with secrets masked', () => {
    const { diff } = applyConfigPatch(
      example('single-account'),
      smsConfig({ authToken: 'ffffffffffffffffffffffffffff9999' }),
      NO_ENV,
    );
    expect(diff.text).toBe('~ channels.sms.authToken: "****cdef" -> "****9999"');
    expect(diff.text).not.toContain(AUTH_TOKEN);
  });

  it('refuses a patch whose result is invalid, with the path of the bad key', () => {
    const apply = () =>
      applyConfigPatch(example('single-account'), smsConfig({ textChunkLimit: 5000 }), NO_ENV);
    expect(apply).toThrow(ConfigValidationError);
    expect(apply).toThrow(/channels\.sms\.textChunkLimit: textChunkLimit must be at most 1600/);
  });

  it('refuses a patch that breaks a rule across keys', () => {
    expect(() =>
      applyConfigPatch(example('single-account'), smsConfig({ dmPolicy: 'open' }), NO_ENV),
    ).toThrow(/channels\.sms\.allowFrom: .*"\*"/);
  });

  it('refuses a patch that is not an object', () => {
    expect(() => applyConfigPatch({}, [1], NO_ENV)).toThrow(/must be an object/);
  });

  it('runs the app validator for its own sections and refuses on its errors', () => {
    const validate = (config: Record<string, unknown>) =>
      typeof config.gateway === 'object'
        ? []
        : [{ path: ['gateway'], message: 'gateway is required', severity: 'error' as const }];
    expect(() => applyConfigPatch({}, { agent: {} }, { ...NO_ENV, validate })).toThrow(
      /gateway: gateway is required/,
    );
    expect(applyConfigPatch({}, { gateway: {} }, { ...NO_ENV, validate }).config).toEqual({ gateway: {} });
  });
});
