import {
  ConfigFileError,
  ConfigParseError,
  ConfigValidationError,
  SecretRefError,
  UnknownAccountError,
} from '@sms-channel/config';
import {
  InvalidPhoneNumberError,
  InvalidTargetError,
  PairingCodeExpiredError,
} from '@sms-channel/phone-policy';
import { StoreBusyError } from '@sms-channel/store';
import { describe, expect, it } from 'vitest';
import { OperationFailedError, UsageError } from './cli-error.js';
import { exitCodeOf } from './exit-code-of.js';

describe('exitCodeOf', () => {
  it('is 2 for bad usage and bad input', () => {
    const bad = [
      new UsageError('x'),
      new ConfigParseError('/c.json5', 3, 7, 'invalid character'),
      new ConfigValidationError([{ path: ['channels', 'sms'], severity: 'error', message: 'x' }]),
      new SecretRefError(
        { source: 'env', provider: 'default', id: 'T' },
        ['channels', 'sms', 'authToken'],
        'is unset',
      ),
      new UnknownAccountError('work', ['default']),
      new InvalidTargetError('whatsapp:+1', 'not this channel'),
      new InvalidPhoneNumberError('+1555', 'too-short', 'is too short'),
    ];
    for (const error of bad) expect(exitCodeOf(error), error.name).toBe(2);
  });

  it('is 1 for failures of the operation', () => {
    const failed = [
      new OperationFailedError('x'),
      new ConfigFileError('/c.json5', 'write', new Error('EACCES')),
      new PairingCodeExpiredError('default', 'ABCDEFGH', 0),
      new StoreBusyError('/s.db', 10_000),
      new Error('anything else'),
      'a thrown string',
    ];
    for (const error of failed) expect(exitCodeOf(error), String(error)).toBe(1);
  });
});
