import { describe, expect, it } from 'vitest';
import { normalizeSmsAllowEntry } from './sms-security.js';

describe('normalizeSmsAllowEntry', () => {
  it('stores a phone number as E.164, whether written bare, formatted or with an sms: prefix', () => {
    expect(normalizeSmsAllowEntry(' +1 (202) 555-0142 ')).toBe('+12025550142');
    expect(normalizeSmsAllowEntry('sms:+12025550142')).toBe('+12025550142');
    expect(normalizeSmsAllowEntry('TWILIO-SMS:+12025550142')).toBe('+12025550142');
  });

  it('keeps "*" and anything that is not a phone number as written, trimmed', () => {
    expect(normalizeSmsAllowEntry(' * ')).toBe('*');
    expect(normalizeSmsAllowEntry(' whatsapp:+12025550142 ')).toBe('whatsapp:+12025550142');
    expect(normalizeSmsAllowEntry('+1-555-ABC-1234')).toBe('+1-555-ABC-1234');
  });
});
