import { describe, expect, it } from 'vitest';
import {
  isSandboxError,
  isSandboxInputError,
  isSandboxNotStartedError,
  isSandboxOptionsError,
  isSandboxWaitTimeoutError,
  SandboxInputError,
  SandboxNotStartedError,
  SandboxOptionsError,
  SandboxWaitTimeoutError,
} from './errors.js';

/** What an error thrown by another copy of this package (its CJS build, a bundle) looks like: same marker and code. */
function fromAnotherCopy(code: string): Error {
  const error = new Error('made elsewhere') as Error & { code: string };
  error.code = code;
  Object.defineProperty(error, Symbol.for('sms-channel.sandbox.error'), { value: true });
  return error;
}

describe('sandbox error guards', () => {
  it('recognise each error of this copy by its guard, and only by its own', () => {
    const errors = [
      [new SandboxOptionsError('port', 'bad'), isSandboxOptionsError],
      [new SandboxNotStartedError('sandbox.url'), isSandboxNotStartedError],
      [new SandboxInputError('body', 'bad'), isSandboxInputError],
      [new SandboxWaitTimeoutError('message', 10), isSandboxWaitTimeoutError],
    ] as const;
    for (const [error, own] of errors) {
      expect(isSandboxError(error)).toBe(true);
      for (const [, guard] of errors) expect(guard(error)).toBe(guard === own);
    }
  });

  it('recognise an error made by another copy of the package, which instanceof cannot', () => {
    const foreign = fromAnotherCopy('invalid-input');
    expect(foreign instanceof SandboxInputError).toBe(false);
    expect(isSandboxError(foreign)).toBe(true);
    expect(isSandboxInputError(foreign)).toBe(true);
    expect(isSandboxOptionsError(foreign)).toBe(false);
  });

  it('refuse plain errors, look-alikes without the marker, and non-objects', () => {
    const lookAlike = Object.assign(new Error('x'), { code: 'invalid-input' });
    for (const value of [lookAlike, new Error('x'), null, undefined, 'invalid-input', 42]) {
      expect(isSandboxError(value)).toBe(false);
      expect(isSandboxInputError(value)).toBe(false);
    }
  });

  it('keep name, code and a message that names the field', () => {
    const error = new SandboxInputError('mediaUrls[0]', 'is not a URL');
    expect(error).toMatchObject({ name: 'SandboxInputError', code: 'invalid-input', field: 'mediaUrls[0]' });
    expect(error.message).toBe('mediaUrls[0]: is not a URL');
  });
});
