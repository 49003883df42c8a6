import { describe, expect, it } from 'vitest';
import { describePhoneNumber } from './describe-phone-number.js';

describe('describePhoneNumber', () => {
  it('describes a valid number with its country and line type, without warnings', () => {
    expect(describePhoneNumber('+44 7946 095800')).toEqual({
      ok: true,
      e164: '+447946095800',
      countryCallingCode: '44',
      country: 'GB',
      valid: true,
      type: 'mobile',
      warnings: [],
    });
  });

  it('flags a possible but unassigned number as not valid, with a warning to show', () => {
    const description = describePhoneNumber('+1 555 555 0123');
    expect(description).toMatchObject({
      ok: true,
      e164: '+15555550123',
      countryCallingCode: '1',
      valid: false,
    });
    expect(description.ok && description.warnings).toEqual([expect.stringContaining('not in an assigned')]);
  });

  it('uses the default country for national numbers', () => {
    expect(describePhoneNumber('030 1234567', { defaultCountry: 'DE' })).toMatchObject({
      ok: true,
      e164: '+49301234567',
      country: 'DE',
      type: 'fixed-line',
    });
  });

  it('returns the reason instead of throwing for an invalid number', () => {
    expect(describePhoneNumber('+1-555-ABC-1234')).toEqual({
      ok: false,
      reason: 'contains-letters',
      message: expect.stringContaining('letters'),
    });
  });
});
