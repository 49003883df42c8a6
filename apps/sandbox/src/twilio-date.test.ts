import { describe, expect, it } from 'vitest';
import { formatDlrDoneDate, formatIsoDate, formatTwilioDate } from './twilio-date.js';

describe('formatTwilioDate', () => {
  it('writes RFC 2822 in GMT with a +0000 zone, as Twilio does', () => {
    expect(formatTwilioDate(new Date('2026-11-26T15:00:00Z'))).toBe('Thu, 26 Nov 2026 15:00:00 +0000');
  });

  it('pads single-digit days and hours', () => {
    expect(formatTwilioDate(new Date('2027-01-05T03:04:05.678Z'))).toBe('Tue, 05 Jan 2027 03:04:05 +0000');
  });

  it("round-trips through the twilio SDK's own date parser", async () => {
    const { rfc2822DateTime } = (await import('twilio/lib/base/deserialize.js')) as {
      rfc2822DateTime: (text: string) => Date;
    };
    const date = new Date('2026-02-28T23:59:59Z');
    expect(rfc2822DateTime(formatTwilioDate(date)).toISOString()).toBe(date.toISOString());
  });
});

describe('formatIsoDate', () => {
  it('writes ISO 8601 in UTC to the second, as the v1 APIs do', () => {
    expect(formatIsoDate(new Date('2027-01-05T03:04:05.678Z'))).toBe('2027-01-05T03:04:05Z');
  });
});

describe('formatDlrDoneDate', () => {
  it('writes the carrier receipt time as YYMMDDhhmm in UTC', () => {
    expect(formatDlrDoneDate(new Date('2026-11-26T15:07:00Z'))).toBe('2611261507');
  });
});
