import { describe, expect, it } from 'vitest';
import { parseDateSentQuery } from './date-sent-query.js';

describe('parseDateSentQuery', () => {
  it.each([
    ['2026-11-26', '2026-11-26'],
    ['2026-11-26T15:00:00Z', '2026-11-26'],
    ['2026-11-26T23:30:00-08:00', '2026-11-27'],
    ['2026-11-26T00:30:00.000+0100', '2026-11-25'],
    ['2019-06-11 22:05:25.000', '2019-06-11'],
    ['Wed, 19 Jun 2019 22:04:00 -0000', '2019-06-19'],
    ['19 Jun 2019 22:04 GMT', '2019-06-19'],
    ['06/11/2019 22:05:25 MST', '2019-06-12'],
    ['06/11/2019', '2019-06-11'],
  ])('reads %s as the UTC day %s', (raw, day) => {
    expect(parseDateSentQuery(raw)?.day).toBe(day);
  });

  it('bounds the day from its first to its last millisecond, in UTC', () => {
    expect(parseDateSentQuery('2026-11-26T15:00:00Z')).toEqual({
      day: '2026-11-26',
      start: new Date('2026-11-26T00:00:00.000Z'),
      end: new Date('2026-11-26T23:59:59.999Z'),
    });
  });

  it.each([
    'yesterday',
    '',
    '>=2026-11-26',
    '2026-13-01',
    '2026-04-31',
    '2026-11-26T25:00:00Z',
    '2026-11-26T10:00:00 XYZ',
    '2026',
    '2026-11',
    'Wed, 19 Foo 2019 22:04:00 -0000',
  ])('refuses %j', (raw) => {
    expect(parseDateSentQuery(raw)).toBeUndefined();
  });
});
