import { describe, expect, it, vi } from 'vitest';
import * as errors from './errors.js';
import {
  InvalidAllowFromError,
  InvalidPhoneNumberError,
  InvalidTargetError,
  isInvalidAllowFromError,
  isInvalidPhoneNumberError,
  isInvalidTargetError,
  isPairingCodeCollisionError,
  isPairingCodeExpiredError,
  isPairingCodeUnknownError,
  isPairingError,
  isPhonePolicyError,
  PairingCodeCollisionError,
  PairingCodeExpiredError,
  PairingCodeUnknownError,
  PairingError,
  PhonePolicyError,
} from './errors.js';

/** One instance of every error class, each with the guards that must recognise it. */
function samples(from: typeof errors) {
  return [
    {
      error: new from.InvalidPhoneNumberError('+1', 'too-short', 'it has too few digits'),
      guards: ['isPhonePolicyError', 'isInvalidPhoneNumberError'],
    },
    {
      error: new from.InvalidTargetError('x:1', 'not this channel'),
      guards: ['isPhonePolicyError', 'isInvalidTargetError'],
    },
    {
      error: new from.InvalidAllowFromError([
        { index: 0, entry: 'x', reason: 'not-a-number', message: 'no' },
      ]),
      guards: ['isPhonePolicyError', 'isInvalidAllowFromError'],
    },
    { error: new from.PairingError('PAIRING', 'broken'), guards: ['isPhonePolicyError', 'isPairingError'] },
    {
      error: new from.PairingCodeUnknownError('default', 'ABCD2345'),
      guards: ['isPhonePolicyError', 'isPairingError', 'isPairingCodeUnknownError'],
    },
    {
      error: new from.PairingCodeExpiredError('default', 'ABCD2345', 0),
      guards: ['isPhonePolicyError', 'isPairingError', 'isPairingCodeExpiredError'],
    },
    {
      error: new from.PairingCodeCollisionError('default', 3),
      guards: ['isPhonePolicyError', 'isPairingError', 'isPairingCodeCollisionError'],
    },
    { error: new from.PhonePolicyError('X', 'base'), guards: ['isPhonePolicyError'] },
  ] as const;
}

const GUARDS: Record<string, (value: unknown) => boolean> = {
  isPhonePolicyError,
  isInvalidPhoneNumberError,
  isInvalidTargetError,
  isInvalidAllowFromError,
  isPairingError,
  isPairingCodeUnknownError,
  isPairingCodeExpiredError,
  isPairingCodeCollisionError,
};
const guardNamed = (name: string) => GUARDS[name] ?? (() => false);

describe('error guards', () => {
  it.each(samples(errors).map((sample) => [sample.error.name, sample] as const))(
    'recognise a %s with its own guard and its base classes’ guards only',
    (_name, { error, guards }) => {
      for (const guard of Object.keys(GUARDS)) {
        expect(guardNamed(guard)(error), guard).toBe((guards as readonly string[]).includes(guard));
      }
    },
  );

  it('recognise errors made by another copy of the package, where instanceof fails', async () => {
    vi.resetModules();
    const copy: typeof errors = await import('./errors.js');
    expect(copy.InvalidPhoneNumberError).not.toBe(InvalidPhoneNumberError);
    for (const { error, guards } of samples(copy)) {
      expect(error instanceof PhonePolicyError).toBe(false);
      for (const guard of guards) expect(guardNamed(guard)(error), `${guard}(${error.name})`).toBe(true);
    }
  });

  it('refuse look-alikes: a plain Error of the same name, an object with the same code, null', () => {
    const lookalike = Object.assign(new Error('x'), {
      name: 'InvalidPhoneNumberError',
      code: 'INVALID_PHONE_NUMBER',
    });
    for (const value of [
      lookalike,
      { code: 'PAIRING_CODE_EXPIRED' },
      null,
      undefined,
      'InvalidTargetError',
    ]) {
      for (const guard of Object.values(GUARDS)) expect(guard(value)).toBe(false);
    }
  });

  it('keep name, code, cause and the subclass fields', () => {
    const cause = new Error('inner');
    const error = new InvalidTargetError('whatsapp:+1', 'not this channel', { cause });
    expect(error).toMatchObject({
      name: 'InvalidTargetError',
      code: 'INVALID_TARGET',
      target: 'whatsapp:+1',
      cause,
    });
    expect(new PairingCodeExpiredError('a', 'ABCD2345', 5)).toMatchObject({
      expiredAt: 5,
      pairingCode: 'ABCD2345',
    });
    expect(new InvalidAllowFromError([])).toBeInstanceOf(PhonePolicyError);
    expect(new PairingCodeUnknownError('a', 'B')).toBeInstanceOf(PairingError);
    expect(new PairingCodeCollisionError('a', 1).code).toBe('PAIRING_CODE_COLLISION');
  });
});
