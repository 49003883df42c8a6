import { describe, expect, it } from 'vitest';
import { describeError, oneLine } from './one-line.js';

describe('oneLine', () => {
  it('leaves a single line alone', () => {
    expect(oneLine('Invalid SMS target "x"')).toBe('Invalid SMS target "x"');
  });

  it('joins a heading that ends with a colon to its list', () => {
    expect(oneLine('Invalid configuration in /c.json5 (2 errors):\na: bad\nb: worse\n')).toBe(
      'Invalid configuration in /c.json5 (2 errors): a: bad; b: worse',
    );
  });

  it('separates a heading without a colon from what follows', () => {
    expect(oneLine('first\n\n  second  ')).toBe('first: second');
  });

  it('never returns a line break', () => {
    expect(oneLine('a\r\nb\nc')).not.toMatch(/[\r\n]/);
  });
});

describe('describeError', () => {
  it('uses the message of an Error and the text of anything else', () => {
    expect(describeError(new Error('x\ny'))).toBe('x: y');
    expect(describeError('plain')).toBe('plain');
  });
});
