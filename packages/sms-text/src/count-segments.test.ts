import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { countSegments } from './count-segments.js';
import { GSM7_BASIC, GSM7_EXTENSION } from './gsm7-alphabet.js';

const a = (n: number) => 'a'.repeat(n);

describe('countSegments', () => {
  it('counts the empty text as no segment, since Twilio refuses an empty body', () => {
    expect(countSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 0, perSegment: 160 });
  });

  it('fits 160 GSM-7 characters in one segment', () => {
    expect(countSegments(a(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160 });
  });

  it('splits 161 GSM-7 characters into two segments of at most 153', () => {
    expect(countSegments(a(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153 });
    expect(countSegments(a(306)).segments).toBe(2);
    expect(countSegments(a(307)).segments).toBe(3);
  });

  it('counts each extension character as two septets', () => {
    expect(countSegments('{}').units).toBe(4);
    expect(countSegments(`${a(158)}€`)).toMatchObject({ units: 160, segments: 1 });
    expect(countSegments(`${a(159)}€`)).toMatchObject({ units: 161, segments: 2 });
  });

  it('never lets an extension character straddle two segments (152 a, €, 152 a is 3 segments)', () => {
    const text = `${a(152)}€${a(152)}`;
    expect(countSegments(text)).toEqual({ encoding: 'GSM-7', units: 306, segments: 3, perSegment: 153 });
  });

  it('switches the whole message to UCS-2 for one character outside GSM-7', () => {
    for (const char of ['`', '\u2019', '\u2014', '\u2026', '\t', 'ç', '中', '😀']) {
      expect(countSegments(`${a(100)}${char}`).encoding, char).toBe('UCS-2');
    }
  });

  it('keeps every character of the basic and extension tables in GSM-7', () => {
    expect(countSegments(GSM7_BASIC)).toMatchObject({ encoding: 'GSM-7', units: 127 });
    expect(countSegments(GSM7_EXTENSION)).toMatchObject({ encoding: 'GSM-7', units: 20 });
  });

  it('fits 70 UTF-16 code units in one UCS-2 segment and 67 per segment once split', () => {
    expect(countSegments(`${a(69)}é\u0301`)).toMatchObject({ units: 71, segments: 2, perSegment: 67 });
    expect(countSegments('中'.repeat(70))).toEqual({
      encoding: 'UCS-2',
      units: 70,
      segments: 1,
      perSegment: 70,
    });
    expect(countSegments('中'.repeat(134)).segments).toBe(2);
    expect(countSegments('中'.repeat(135)).segments).toBe(3);
  });

  it('counts an emoji as two UTF-16 code units and never splits it across segments', () => {
    // 66 units then a 2-unit emoji: the emoji would straddle units 67 and 68, so it opens segment 2.
    const text = `${'中'.repeat(66)}😀${'中'.repeat(66)}`;
    expect(countSegments(text)).toMatchObject({ units: 134, segments: 3 });
  });

  it('never splits a ZWJ family emoji or a flag across segments', () => {
    const family = '👩‍👩‍👧‍👦'; // 11 code units
    expect(countSegments(`${'中'.repeat(60)}${family}${'中'.repeat(60)}`).segments).toBe(3);
    expect(countSegments(`${'中'.repeat(66)}🇫🇷${'中'.repeat(66)}`).segments).toBe(3);
  });

  it('never throws on any string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const count = countSegments(text);
        expect(count.segments).toBeGreaterThanOrEqual(text.length === 0 ? 0 : 1);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Cross-check against Twilio's own calculator (`sms-segments-calculator`, a dev dependency) on generated
 * strings. Its grapheme splitter predates some Unicode rules, so the generators stay within characters both
 * agree on: GSM-7 text, extension characters, Latin with accents, CJK, Arabic, emoji with modifiers, ZWJ
 * sequences and flags.
 */
describe('countSegments agrees with Twilio’s segment calculator', () => {
  const gsmChar = fc.constantFrom(...GSM7_BASIC.replace('\r', ''), ...GSM7_EXTENSION);
  const asciiRun = fc.string({ unit: fc.constantFrom(...'abc xyz.,!?'), minLength: 1, maxLength: 40 });
  const wide = fc.constantFrom(
    '中',
    '文',
    'ع',
    'ر',
    'é',
    'e\u0301',
    'ç',
    '😀',
    '👍🏽',
    '👩‍👩‍👧‍👦',
    '🇫🇷',
    '\u2019',
    '\u2014',
    '`',
    '\t',
    '\r\n',
  );

  function agree(text: string): void {
    const ours = countSegments(text);
    const theirs = new SegmentedMessage(text);
    expect({ text, encoding: ours.encoding, segments: ours.segments }).toEqual({
      text,
      encoding: theirs.encodingName,
      segments: theirs.segmentsCount,
    });
  }

  it('on GSM-7 text with extension characters', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(gsmChar, asciiRun), { minLength: 1, maxLength: 250 }), (parts) =>
        agree(parts.join('')),
      ),
      { numRuns: 300 },
    );
  });

  it('on UCS-2 text mixing CJK, Arabic, accents, emoji, flags and ZWJ sequences', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ arbitrary: asciiRun, weight: 3 }, { arbitrary: wide, weight: 2 }, gsmChar), {
          minLength: 1,
          maxLength: 200,
        }),
        (parts) => agree(parts.join('')),
      ),
      { numRuns: 300 },
    );
  });

  it('around every segment boundary of GSM-7 and UCS-2 text', () => {
    const near = (edges: number[]) =>
      edges.flatMap((edge) => Array.from({ length: 9 }, (_, i) => edge - 4 + i));
    for (const filler of ['a', '€', '中', '😀', '🇫🇷', 'é']) {
      for (const n of near([66, 70, 134, 152, 153, 160, 201, 306])) agree(`${a(n)}${filler}${a(5)}`);
      for (const n of near([64, 66, 68, 70, 132, 134, 201]))
        agree(`${'中'.repeat(n)}${filler}${'中'.repeat(3)}`);
    }
  });
});
