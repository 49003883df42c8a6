import { describe, expect, it, vi } from 'vitest';
import {
  InvalidOptionsError,
  isInvalidOptionsError,
  isTwilioSignatureError,
  TwilioSignatureError,
} from './errors.js';
import { createSignatureVerifier } from './signature-verifier.js';

/** The error a misconfigured verifier throws. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('error guards', () => {
  it('recognise the error a misconfiguration throws, with its option and code', () => {
    const error = thrownBy(() => createSignatureVerifier({ authToken: '' }));
    expect(isTwilioSignatureError(error)).toBe(true);
    expect(isInvalidOptionsError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'InvalidOptionsError',
      code: 'ERR_TWILIO_SIGNATURE_OPTIONS',
      option: 'authToken',
    });
  });

  it('tell the base class from the subclass', () => {
    const base = new TwilioSignatureError('X', 'base');
    expect(isTwilioSignatureError(base)).toBe(true);
    expect(isInvalidOptionsError(base)).toBe(false);
  });

  it('recognise errors made by another copy of the package, where instanceof fails', async () => {
    vi.resetModules();
    const copy = await import('./errors.js');
    expect(copy.InvalidOptionsError).not.toBe(InvalidOptionsError);
    const error = new copy.InvalidOptionsError('algorithm', 'unknown');
    expect(error instanceof TwilioSignatureError).toBe(false);
    expect(isTwilioSignatureError(error)).toBe(true);
    expect(isInvalidOptionsError(error)).toBe(true);
  });

  it('refuse look-alikes: a plain Error with the same name and code, null, a string', () => {
    const lookalike = Object.assign(new Error('x'), {
      name: 'InvalidOptionsError',
      code: 'ERR_TWILIO_SIGNATURE_OPTIONS',
    });
    for (const value of [lookalike, null, undefined, 'InvalidOptionsError', {}]) {
      expect(isTwilioSignatureError(value)).toBe(false);
      expect(isInvalidOptionsError(value)).toBe(false);
    }
  });

  it('keep the cause', () => {
    const cause = new Error('inner');
    expect(new InvalidOptionsError('authToken', 'bad', { cause }).cause).toBe(cause);
  });
});
