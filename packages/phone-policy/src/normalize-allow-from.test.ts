import { describe, expect, it } from 'vitest';
import { InvalidAllowFromError } from './errors.js';
import { normalizeAllowFrom } from './normalize-allow-from.js';

describe('normalizeAllowFrom', () => {
  it('normalises numbers and accepts the sms: prefix', () => {
    expect(normalizeAllowFrom(['+1 555 555 0123', 'sms:+44 20 7946 0958'])).toEqual([
      '+15555550123',
      '+442079460958',
    ]);
  });

  it('keeps "*"', () => {
    expect(normalizeAllowFrom(['*', ' * '])).toEqual(['*']);
  });

  it('drops duplicates, keeping the first position', () => {
    expect(normalizeAllowFrom(['+15555550123', '*', 'sms:+1 (555) 555-0123', '*'])).toEqual([
      '+15555550123',
      '*',
    ]);
  });

  it('uses the default country for national numbers', () => {
    expect(normalizeAllowFrom(['030 1234567'], { defaultCountry: 'DE' })).toEqual(['+49301234567']);
  });

  it('returns an empty list for an empty list', () => {
    expect(normalizeAllowFrom([])).toEqual([]);
  });

  it('reports every invalid entry with its index in one error instead of dropping them', () => {
    let error: unknown;
    try {
      normalizeAllowFrom(['+15555550123', '+1-555-ABC-1234', '*', '5550123', '+']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidAllowFromError);
    const { issues, message } = error as InvalidAllowFromError;
    expect(issues.map(({ index, reason }) => ({ index, reason }))).toEqual([
      { index: 1, reason: 'contains-letters' },
      { index: 3, reason: 'needs-country' },
      { index: 4, reason: 'not-a-number' },
    ]);
    expect(message).toContain('allowFrom[1]');
    expect(message).toContain('"+1-555-ABC-1234"');
  });

  it('reports entries that are not strings (untyped config)', () => {
    const untyped = ['+15555550123', 15555550123] as unknown as string[];
    expect(() => normalizeAllowFrom(untyped)).toThrow(/allowFrom\[1\]: a number is not a phone number/);
  });
});
