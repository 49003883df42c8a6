import { describe, expect, it, vi } from 'vitest';
import * as errors from './config-error.js';
import {
  ConfigError,
  ConfigValidationError,
  isConfigError,
  isConfigFileError,
  isConfigFileNotFoundError,
  isConfigParseError,
  isConfigValidationError,
  isSecretRefError,
  isUnknownAccountError,
  SecretRefError,
  UnknownAccountError,
} from './config-error.js';

const GUARDS: Record<string, (value: unknown) => boolean> = {
  isConfigError,
  isConfigValidationError,
  isConfigParseError,
  isConfigFileNotFoundError,
  isConfigFileError,
  isSecretRefError,
  isUnknownAccountError,
};
const guardNamed = (name: string) => GUARDS[name] ?? (() => false);

const REF = { source: 'env', provider: 'default', id: 'X' };
const ISSUE = { path: ['channels', 'sms', 'fromNumber'], severity: 'error' as const, message: 'bad' };

/** One instance of every error class, its own guard, and the path it must keep. */
function samples(from: typeof errors) {
  return [
    { error: new from.ConfigError('X', 'base', { path: ['a', 0] }), guard: 'isConfigError', path: ['a', 0] },
    {
      error: new from.ConfigValidationError([ISSUE], { file: 'c.json5' }),
      guard: 'isConfigValidationError',
      path: ISSUE.path,
    },
    { error: new from.ConfigParseError('c.json5', 1, 2, 'bad'), guard: 'isConfigParseError', path: [] },
    { error: new from.ConfigFileNotFoundError('c.json5'), guard: 'isConfigFileNotFoundError', path: [] },
    {
      error: new from.ConfigFileError('c.json5', 'read', new Error('EACCES')),
      guard: 'isConfigFileError',
      path: [],
    },
    {
      error: new from.SecretRefError(REF, ['channels', 'sms', 'authToken'], 'is missing'),
      guard: 'isSecretRefError',
      path: ['channels', 'sms', 'authToken'],
    },
    {
      error: new from.UnknownAccountError('home', ['work']),
      guard: 'isUnknownAccountError',
      path: ['channels', 'sms', 'accounts', 'home'],
    },
  ];
}

describe('config errors', () => {
  it.each(samples(errors).map((sample) => [sample.error.name, sample] as const))(
    'a %s is recognised by isConfigError and its own guard only, and keeps its path',
    (_name, { error, guard, path }) => {
      for (const name of Object.keys(GUARDS)) {
        expect(guardNamed(name)(error), name).toBe(name === 'isConfigError' || name === guard);
      }
      expect(error.path).toEqual(path);
      expect(error).toBeInstanceOf(ConfigError);
    },
  );

  it('are recognised when made by another copy of the package, where instanceof fails', async () => {
    vi.resetModules();
    const copy: typeof errors = await import('./config-error.js');
    expect(copy.ConfigError).not.toBe(ConfigError);
    for (const { error, guard, path } of samples(copy)) {
      expect(error instanceof ConfigError).toBe(false);
      expect(isConfigError(error)).toBe(true);
      expect(guardNamed(guard)(error)).toBe(true);
      if (isConfigError(error)) expect(error.path).toEqual(path);
    }
  });

  it('refuse look-alikes: a plain Error with the same name, code and path', () => {
    const lookalike = Object.assign(new Error('x'), {
      name: 'ConfigError',
      code: 'CONFIG_INVALID',
      path: [],
    });
    for (const value of [lookalike, null, undefined, 'ConfigError', { path: [] }]) {
      for (const guard of Object.values(GUARDS)) expect(guard(value)).toBe(false);
    }
  });

  it('keep name, code and cause', () => {
    const cause = new Error('EACCES');
    expect(new errors.ConfigFileError('c.json5', 'write', cause)).toMatchObject({
      name: 'ConfigFileError',
      code: 'CONFIG_IO',
      cause,
    });
    expect(new ConfigValidationError([ISSUE])).toMatchObject({ code: 'CONFIG_INVALID', issues: [ISSUE] });
    expect(new SecretRefError(REF, [], 'x')).toMatchObject({ code: 'SECRET_UNRESOLVED', ref: REF });
    expect(new UnknownAccountError('a', []).code).toBe('ACCOUNT_UNKNOWN');
  });
});
