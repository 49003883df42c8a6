import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isE164 } from './is-e164.js';
import { normalizeE164 } from './normalize-e164.js';

describe('isE164', () => {
  it.each(['+12015550123', '+15555550123', '+442079460958', '+49301234567'])('accepts %s', (value) => {
    expect(isE164(value)).toBe(true);
  });

  it.each([
    ['+1 201 555 0123', 'spaces'],
    ['12015550123', 'no plus'],
    ['tel:+12015550123', 'a prefix'],
    ['+', 'a lone plus'],
    ['+0123456789', 'country code 0'],
    ['+1555', 'too short for +1'],
    ['+9991234567', 'an unassigned country code'],
    ['+1234567890123456', 'more than 15 digits'],
    ['+１２０１５５５０１２３', 'full-width digits'],
  ])('rejects %s (%s)', (value) => {
    expect(isE164(value)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    for (const value of [undefined, null, 12015550123, {}, ['+12015550123']])
      expect(isE164(value)).toBe(false);
  });

  it('holds exactly when normalizeE164 returns the value unchanged', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9]{0,17}$/), (value) => {
        let unchanged = false;
        try {
          unchanged = normalizeE164(value) === value;
        } catch {
          unchanged = false;
        }
        expect(isE164(value)).toBe(unchanged);
      }),
      { numRuns: 500 },
    );
  });
});
