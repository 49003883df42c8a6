import { describe, expect, it } from 'vitest';
import { InvalidPhoneNumberError, InvalidTargetError } from './errors.js';
import { parseSmsTarget } from './parse-sms-target.js';

function targetError(target: string): InvalidTargetError {
  try {
    parseSmsTarget(target);
  } catch (error) {
    if (error instanceof InvalidTargetError) return error;
    throw error;
  }
  throw new Error(`expected ${target} to be rejected`);
}

describe('parseSmsTarget', () => {
  it('reads an sms: target', () => {
    expect(parseSmsTarget('sms:+15555550123')).toEqual({ channel: 'sms', to: '+15555550123', prefix: 'sms' });
  });

  it('reads a twilio-sms: target, the unambiguous form', () => {
    expect(parseSmsTarget('twilio-sms:+1 555 555 0123')).toEqual({
      channel: 'sms',
      to: '+15555550123',
      prefix: 'twilio-sms',
    });
  });

  it('reads the prefix in any case', () => {
    expect(parseSmsTarget('SMS:+15555550123').prefix).toBe('sms');
    expect(parseSmsTarget('Twilio-SMS:+15555550123').prefix).toBe('twilio-sms');
  });

  it('accepts a bare number, with a null prefix', () => {
    expect(parseSmsTarget(' +1 (201) 555-0123 ')).toEqual({
      channel: 'sms',
      to: '+12015550123',
      prefix: null,
    });
  });

  it('accepts a national number when given a default country', () => {
    expect(parseSmsTarget('sms:(201) 555-0123', { defaultCountry: 'US' }).to).toBe('+12015550123');
  });

  it("rejects another channel's prefix and names the forms it accepts", () => {
    const error = targetError('whatsapp:+15555550123');
    expect(error.message).toContain('"whatsapp:" is not this channel');
    expect(error.message).toContain('twilio-sms:');
  });

  it('rejects a doubled prefix rather than reading through it', () => {
    expect(targetError('twilio-sms:sms:+15555550123').cause).toBeInstanceOf(InvalidPhoneNumberError);
  });

  it('rejects a bad number with the phone number error as cause', () => {
    const error = targetError('sms:+1-555-ABC-1234');
    expect(error).toMatchObject({ name: 'InvalidTargetError', code: 'INVALID_TARGET' });
    expect(error.message).toContain('"sms:+1-555-ABC-1234"');
    expect(error.cause).toMatchObject({ reason: 'contains-letters' });
  });

  it('says in a readable sentence why the number of a target is not valid', () => {
    expect(targetError('sms:+1555').message).toBe(
      'Invalid SMS target "sms:+1555": the phone number is not valid: it has too few digits for its country',
    );
  });

  it.each(['', 'sms:', 'sms:+', 'hello', 'sms:call me'])('rejects %j', (target) => {
    expect(() => parseSmsTarget(target)).toThrow(InvalidTargetError);
  });
});
