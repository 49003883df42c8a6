import { describe, expect, it } from 'vitest';
import { validateAccessConfig } from './validate-access-config.js';

describe('validateAccessConfig', () => {
  it('defaults a missing dmPolicy to pairing with an empty allowFrom', () => {
    expect(validateAccessConfig({})).toEqual({
      ok: true,
      value: { dmPolicy: 'pairing', allowFrom: [] },
      issues: [],
    });
  });

  it('returns the normalised allowFrom', () => {
    const result = validateAccessConfig({ dmPolicy: 'allowlist', allowFrom: ['sms:+1 555 555 0123'] });
    expect(result).toEqual({
      ok: true,
      value: { dmPolicy: 'allowlist', allowFrom: ['+15555550123'] },
      issues: [],
    });
  });

  it('requires at least one allowFrom entry for allowlist', () => {
    expect(validateAccessConfig({ dmPolicy: 'allowlist', allowFrom: [] })).toEqual({
      ok: false,
      issues: [{ path: ['allowFrom'], message: expect.stringContaining('at least one') }],
    });
  });

  it('requires "*" in allowFrom for open', () => {
    expect(validateAccessConfig({ dmPolicy: 'open', allowFrom: ['+15555550123'] })).toEqual({
      ok: false,
      issues: [{ path: ['allowFrom'], message: expect.stringContaining('"*"') }],
    });
    expect(validateAccessConfig({ dmPolicy: 'open', allowFrom: ['*'] }).ok).toBe(true);
  });

  it('accepts pairing and disabled without allowFrom', () => {
    expect(validateAccessConfig({ dmPolicy: 'pairing' }).ok).toBe(true);
    expect(validateAccessConfig({ dmPolicy: 'disabled' }).ok).toBe(true);
  });

  it('reports an unknown policy and lists the valid ones', () => {
    expect(validateAccessConfig({ dmPolicy: 'allowall' })).toEqual({
      ok: false,
      issues: [
        {
          path: ['dmPolicy'],
          message: 'unknown dmPolicy "allowall"; expected one of pairing, allowlist, open, disabled',
        },
      ],
    });
  });

  it('reports each invalid allowFrom entry at its own path', () => {
    const result = validateAccessConfig({ dmPolicy: 'allowlist', allowFrom: ['+15555550123', 'nope', '+'] });
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => issue.path)).toEqual([
      ['allowFrom', 1],
      ['allowFrom', 2],
    ]);
  });

  it('reports an allowFrom that is not a list', () => {
    expect(validateAccessConfig({ allowFrom: '+15555550123' }).issues).toEqual([
      { path: ['allowFrom'], message: expect.stringContaining('must be a list') },
    ]);
  });

  it('reports a bad policy and bad entries together', () => {
    const result = validateAccessConfig({ dmPolicy: 42, allowFrom: ['x'] });
    expect(result.issues.map((issue) => issue.path)).toEqual([['dmPolicy'], ['allowFrom', 0]]);
  });
});
