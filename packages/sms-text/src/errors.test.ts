import { describe, expect, it, vi } from 'vitest';
import { chunkSms } from './chunk-sms.js';
import { InvalidChunkOptionsError, InvalidSmsInputError, isSmsTextError, SmsTextError } from './errors.js';
import { markdownToSms } from './markdown-to-sms.js';

/** A second copy of the module, as the CJS build or a bundled plugin would load: its own classes. */
async function secondCopy(): Promise<typeof import('./errors.js')> {
  vi.resetModules();
  return import('./errors.js');
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('sms-text errors', () => {
  it('recognises an error thrown by another copy of the package, where instanceof does not', async () => {
    const copy = await secondCopy();
    const foreign = new copy.InvalidSmsInputError('markdown', 42);
    expect(foreign instanceof SmsTextError).toBe(false);
    expect(isSmsTextError(foreign)).toBe(true);
    expect(SmsTextError.isInstance(foreign)).toBe(true);
    expect(InvalidSmsInputError.isInstance(foreign)).toBe(true);
    expect(InvalidChunkOptionsError.isInstance(foreign)).toBe(false);
  });

  it('marks what this package throws, with name, code and the option at fault', () => {
    const input = thrownBy(() => markdownToSms(null as unknown as string));
    expect(isSmsTextError(input)).toBe(true);
    expect(input).toMatchObject({ name: 'InvalidSmsInputError', code: 'invalid-input' });
    const options = thrownBy(() => chunkSms('text', { maxChars: 0 }));
    expect(InvalidChunkOptionsError.isInstance(options)).toBe(true);
    expect(options).toMatchObject({
      name: 'InvalidChunkOptionsError',
      code: 'invalid-chunk-options',
      option: 'maxChars',
    });
  });

  it('recognises nothing else', () => {
    for (const value of [new Error('x'), { code: 'invalid-input' }, null, undefined, 'SmsTextError', 42]) {
      expect(isSmsTextError(value)).toBe(false);
    }
  });
});
