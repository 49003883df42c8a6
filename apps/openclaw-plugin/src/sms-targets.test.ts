import { describe, expect, it } from 'vitest';
import { looksLikeSmsTarget, normalizeSmsTarget, resolveSmsTarget } from './sms-targets.js';

describe('SMS message targets', () => {
  it.each([
    ['sms:+12025550142'],
    ['twilio-sms:+12025550142'],
    ['TWILIO-SMS: +1 (202) 555-0142'],
    ['+12025550142'],
  ])('normalizes %s to the E.164 number', (raw) => {
    expect(normalizeSmsTarget(raw)).toBe('+12025550142');
    expect(looksLikeSmsTarget(raw)).toBe(true);
  });

  it.each([['whatsapp:+12025550142'], ['sms:+1-555-ABC-1234'], ['@someone'], ['']])(
    'does not take %j for a phone number of this channel',
    (raw) => {
      expect(normalizeSmsTarget(raw)).toBeUndefined();
      expect(looksLikeSmsTarget(raw)).toBe(false);
    },
  );

  it("falls back to the account's defaultTo when no target is given", () => {
    expect(resolveSmsTarget(undefined, '+12025550143')).toEqual({ ok: true, to: '+12025550143' });
    expect(resolveSmsTarget('  ', '+12025550143')).toEqual({ ok: true, to: '+12025550143' });
  });

  it('explains a missing or wrong target', () => {
    const missing = resolveSmsTarget(undefined, undefined);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/target is required .*defaultTo/);
    const wrong = resolveSmsTarget('sms:+1-555-ABC-1234', undefined);
    expect(wrong.ok).toBe(false);
  });
});
