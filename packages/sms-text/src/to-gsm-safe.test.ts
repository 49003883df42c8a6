import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { countSegments } from './count-segments.js';
import { GSM7_BASIC, GSM7_EXTENSION } from './gsm7-alphabet.js';
import { GSM_LOOK_ALIKES, toGsmSafe } from './to-gsm-safe.js';

/** Twilio's calculator with its Smart Encoding emulation on, as an independent oracle. */
function twilioSmartEncoded(text: string): string {
  return new SegmentedMessage(text, 'auto', true).graphemes.join('');
}

describe('toGsmSafe', () => {
  it('turns curly quotes, dashes, ellipsis and odd spaces into GSM-7 characters', () => {
    const text = '\u201cIt\u2019s fine\u201d \u2013 she said\u2014twice\u2026\u00a0ok';
    expect(toGsmSafe(text)).toBe('"It\'s fine" - she said-twice... ok');
    expect(toGsmSafe('a\u2003b\u200bc\u2022 d')).toBe('a bc- d');
    expect(countSegments(toGsmSafe(text)).encoding).toBe('GSM-7');
  });

  it('replaces each character of Twilio’s Smart Encoding list as Twilio does, and no other', () => {
    // Twilio's calculator carries Twilio's list; the differences are deliberate (see to-gsm-safe.ts).
    const deliberate = new Map([
      ['two spaces', ' '],
      ['seven spaces (a tab)', '    '],
    ]);
    const twilioList = new Map<string, string>();
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const twilio = twilioSmartEncoded(char);
      if (twilio !== char) twilioList.set(char, twilio);
    }
    const expected = [...twilioList].map(([char, twilio]) => {
      if (twilio === '  ') return [char, deliberate.get('two spaces')];
      if (twilio === '       ') return [char, deliberate.get('seven spaces (a tab)')];
      return [char, twilio];
    });
    expect([...GSM_LOOK_ALIKES].sort()).toEqual(expected.sort());
    for (const [char, replacement] of GSM_LOOK_ALIKES)
      expect(toGsmSafe(`a${char}b`)).toBe(`a${replacement}b`);
  });

  it('only ever produces GSM-7 characters as replacements', () => {
    for (const replacement of GSM_LOOK_ALIKES.values()) {
      expect(countSegments(replacement).encoding).toBe('GSM-7');
    }
  });

  it('leaves GSM-7 text, emoji and CJK untouched', () => {
    const keep = fc.string({
      unit: fc.constantFrom(...GSM7_BASIC, ...GSM7_EXTENSION, '😀', '中', '👩‍👩‍👧‍👦'),
    });
    fc.assert(
      fc.property(keep, (text) => {
        expect(toGsmSafe(text)).toBe(text);
      }),
    );
  });
});
