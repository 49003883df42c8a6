import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexGraphemes, isPlain, splitGraphemes } from './graphemes.js';

/** Every grapheme boundary of `text`, as the segmenter gives them over the whole text. */
function boundaries(text: string): number[] {
  const out = [0];
  for (const grapheme of splitGraphemes(text)) out.push((out.at(-1) as number) + grapheme.length);
  return out;
}

describe('indexGraphemes', () => {
  it('never lets a "plain" character join a neighbour, checked for every one of them against the segmenter', () => {
    const neighbours = ['a', '中', '가', 'あ', 'ω', '\u00e9'];
    const joined: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (!isPlain(code) || code === 13 || (code >= 0xd800 && code <= 0xdfff)) continue;
      const char = String.fromCharCode(code);
      for (const other of neighbours) {
        if (splitGraphemes(`${other}${char}${other}${char}${char}`).length !== 5) joined.push(char);
      }
    }
    expect(joined.map((char) => char.charCodeAt(0).toString(16))).toEqual([]);
  }, 60_000);

  it('finds the same boundaries as the segmenter over the whole text', () => {
    const unit = fc.oneof(
      fc.constantFrom('a', ' ', '\n', '\r\n', '\r', '中', '가', 'ᄀ', 'ᅡ', 'ᆨ', 'あ', '\u3099', 'é', 'e\u0301'),
      fc.constantFrom(
        '😀',
        '👨‍👩‍👧',
        '\u200d',
        '🇫🇷',
        '🇩',
        '\ufe0f',
        'क्षि',
        '\u0301\u0301',
        '\ud800',
        '\udc00',
      ),
      fc.string({ unit: 'grapheme', maxLength: 2 }),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), fc.integer({ min: 0, max: 2 }), (text, order) => {
        const expected = boundaries(text);
        const index = indexGraphemes(text);
        // Queries in any order must agree: the index remembers what each window settled.
        const positions = [...Array(text.length + 1).keys()];
        if (order === 1) positions.reverse();
        if (order === 2) positions.sort((a, b) => ((a * 7919) % 101) - ((b * 7919) % 101));
        for (const at of positions) {
          const start = index.startOf(at);
          expect(start, `startOf(${at})`).toBe(expected.filter((boundary) => boundary <= at).at(-1));
          if (at < text.length) {
            expect(index.endOf(at), `endOf(${at})`).toBe(expected.find((boundary) => boundary > at));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds a grapheme longer than any window (thousands of combining marks)', () => {
    const text = `a${'e\u0301'.repeat(3)}x${'\u0301'.repeat(3000)}b`;
    const index = indexGraphemes(text);
    expect(index.startOf(2000)).toBe(7);
    expect(index.endOf(2000)).toBe(3008);
    expect(index.startOf(3008)).toBe(3008);
  });
});
