import { describe, expect, it } from 'vitest';
import { classifyOptOutKeyword, TWILIO_DEFAULT_KEYWORDS } from './opt-out-keyword.js';

describe('classifyOptOutKeyword', () => {
  it.each(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'])(
    'reads %s as stop',
    (body) => {
      expect(classifyOptOutKeyword(body)).toBe('stop');
    },
  );

  it.each(['START', 'YES', 'UNSTOP'])('reads %s as start', (body) => {
    expect(classifyOptOutKeyword(body)).toBe('start');
  });

  it.each(['HELP', 'INFO'])('reads %s as help', (body) => {
    expect(classifyOptOutKeyword(body)).toBe('help');
  });

  it('ignores case and surrounding whitespace', () => {
    expect(classifyOptOutKeyword('  stop\n')).toBe('stop');
    expect(classifyOptOutKeyword('Unstop')).toBe('start');
    expect(classifyOptOutKeyword('\thElP ')).toBe('help');
  });

  it('only matches the whole body, as Twilio does ("STOP PLEASE" is a message)', () => {
    for (const body of ['STOP PLEASE', 'please cancel', 'stop.', 'STOPP', 'help me', 'yes!', '']) {
      expect(classifyOptOutKeyword(body)).toBeNull();
    }
  });

  it("trusts Twilio's OptOutType over the body (Advanced Opt-Out custom keywords)", () => {
    expect(classifyOptOutKeyword('ARRET', { optOutType: 'STOP' })).toBe('stop');
    expect(classifyOptOutKeyword('hola', { optOutType: 'help' })).toBe('help');
    expect(classifyOptOutKeyword('stop', { optOutType: '' })).toBe('stop');
    expect(classifyOptOutKeyword('hello', { optOutType: 'UNKNOWN' })).toBeNull();
  });

  it('lists the keywords it recognises per kind', () => {
    expect(TWILIO_DEFAULT_KEYWORDS.start).toEqual(['START', 'YES', 'UNSTOP']);
    expect(TWILIO_DEFAULT_KEYWORDS.help).toEqual(['HELP', 'INFO']);
    expect(TWILIO_DEFAULT_KEYWORDS.stop).toContain('STOPALL');
  });
});
