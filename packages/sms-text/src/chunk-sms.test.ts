import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkSms } from './chunk-sms.js';
import { countSegments } from './count-segments.js';
import { InvalidChunkOptionsError, InvalidSmsInputError } from './errors.js';
import { splitGraphemes } from './graphemes.js';

const SUFFIX = / \((\d+)\/(\d+)\)$/;

/** Removes the ` (i/n)` suffixes, checking they count 1..n in order. */
function withoutNumbers(parts: string[]): string[] {
  if (parts.length < 2) return parts;
  return parts.map((part, index) => {
    const match = SUFFIX.exec(part);
    expect(match?.slice(1)).toEqual([String(index + 1), String(parts.length)]);
    return part.slice(0, part.length - (match?.[0].length ?? 0));
  });
}

/** The text without leading and trailing graphemes made only of whitespace. */
function trimGraphemes(text: string): string {
  const graphemes = splitGraphemes(text);
  const blank = (grapheme: string | undefined) => grapheme !== undefined && /^\s+$/.test(grapheme);
  while (blank(graphemes[0])) graphemes.shift();
  while (blank(graphemes.at(-1))) graphemes.pop();
  return graphemes.join('');
}

/** Checks that the parts, joined with nothing but whitespace, give back the trimmed text. */
function expectRejoins(text: string, parts: string[]): void {
  const source = trimGraphemes(text);
  let at = 0;
  parts.forEach((part, index) => {
    if (index > 0)
      while (at < source.length && /\s/.test(source[at] ?? '') && !source.startsWith(part, at)) at++;
    expect(source.startsWith(part, at), `part ${index} at ${at}`).toBe(true);
    at += part.length;
  });
  expect(at).toBe(source.length);
}

function graphemeEnds(text: string): Set<number> {
  const ends = new Set<number>([0]);
  let at = 0;
  for (const grapheme of splitGraphemes(text)) {
    at += grapheme.length;
    ends.add(at);
  }
  return ends;
}

describe('chunkSms', () => {
  it('returns one part, unnumbered, when the text fits', () => {
    expect(chunkSms('  Hello there.  ')).toEqual(['Hello there.']);
  });

  it('returns no part for empty or blank text', () => {
    expect(chunkSms('')).toEqual([]);
    expect(chunkSms(' \n\t ')).toEqual([]);
  });

  it('defaults to 1500 characters per part', () => {
    const parts = chunkSms('word '.repeat(700), { numbering: false });
    expect(parts.map((part) => part.length)).toEqual([1499, 1499, 499]);
  });

  it('prefers a paragraph break, then a line break, then a sentence end, then a space', () => {
    const [a, b, c, d] = ['a'.repeat(40), 'b'.repeat(20), 'c'.repeat(5), 'd'.repeat(10)];
    const cut = (text: string, maxChars: number) => chunkSms(text, { maxChars, numbering: false })[0];
    expect(cut(`${a}\n\n${b}\n${c}. ${d} e`, 70)).toBe(a);
    expect(cut(`${a} ${b}\n${c}. ${d} e`, 70)).toBe(`${a} ${b}`);
    expect(cut(`${a} ${b}. ${c} ${d} e`, 70)).toBe(`${a} ${b}.`);
    expect(cut(`${a} ${b} ${c}${d}${d}`, 70)).toBe(`${a} ${b}`);
  });

  it('ignores a break in the first half of the window rather than send a tiny part', () => {
    const text = `Hi.\n\n${'word '.repeat(30)}`;
    expect(chunkSms(text, { maxChars: 100, numbering: false })[0]?.length).toBeGreaterThan(50);
  });

  it('cuts a word longer than the window hard', () => {
    expect(chunkSms('x'.repeat(25), { maxChars: 10, numbering: false })).toEqual([
      'x'.repeat(10),
      'x'.repeat(10),
      'x'.repeat(5),
    ]);
  });

  it('cuts after a CJK full stop, which needs no space', () => {
    const text = `${'中'.repeat(30)}。${'文'.repeat(30)}`;
    expect(chunkSms(text, { maxChars: 50, numbering: false })[0]).toBe(`${'中'.repeat(30)}。`);
  });

  it('regression (leading implementation had no part numbers): numbers parts as (i/n) within maxChars', () => {
    const parts = chunkSms('word '.repeat(100), { maxChars: 100 });
    expect(parts[0]).toMatch(/ \(1\/6\)$/);
    expect(parts.at(-1)).toMatch(/ \(6\/6\)$/);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(100);
  });

  it('widens the reserved suffix when the parts reach ten', () => {
    const parts = chunkSms('word '.repeat(200), { maxChars: 60 });
    expect(parts.length).toBeGreaterThanOrEqual(10);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(60);
    expect(parts[0]).toMatch(new RegExp(` \\(1/${parts.length}\\)$`));
  });

  it('regression (leading implementation counted UTF-16 units only): keeps each part within maxSegments, GSM-7 or UCS-2', () => {
    const gsm = chunkSms('abc {€} '.repeat(60), { maxSegments: 1 });
    for (const part of gsm) expect(countSegments(part).segments).toBe(1);
    const ucs = chunkSms('Ça va? 😀 '.repeat(40), { maxSegments: 2 });
    for (const part of ucs) expect(countSegments(part).segments).toBeLessThanOrEqual(2);
  });

  it('regression (leading implementation billed trailing whitespace): parts carry no whitespace at the cut', () => {
    for (const part of chunkSms('line   \n\n   '.repeat(40), { maxChars: 30, numbering: false })) {
      expect(part).toBe(part.trim());
    }
  });

  it('never splits an emoji ZWJ sequence, a flag or a combining sequence', () => {
    const text = '👩‍👩‍👧‍👦🇫🇷é\u0301'.repeat(20);
    const parts = chunkSms(text, { maxChars: 25, numbering: false });
    expect(parts.join('')).toBe(text);
    let at = 0;
    const ends = graphemeEnds(text);
    for (const part of parts) {
      at += part.length;
      expect(ends.has(at)).toBe(true);
    }
  });

  it('rejects maxChars outside 1..1600, a non-integer maxSegments, and room too small for a part number', () => {
    expect(() => chunkSms('x', { maxChars: 1601 })).toThrow(InvalidChunkOptionsError);
    expect(() => chunkSms('x', { maxChars: 0 })).toThrow(InvalidChunkOptionsError);
    expect(() => chunkSms('x', { maxSegments: 1.5 })).toThrow(InvalidChunkOptionsError);
    expect(() => chunkSms('x'.repeat(20), { maxChars: 6 })).toThrow(InvalidChunkOptionsError);
  });

  it('throws InvalidSmsInputError when given something other than a string', () => {
    expect(() => chunkSms(null as unknown as string)).toThrow(InvalidSmsInputError);
  });
});

describe('chunkSms invariants', () => {
  const unit = fc.oneof(
    { arbitrary: fc.constantFrom(...'abcdefgh     ..!?,'), weight: 12 },
    { arbitrary: fc.constantFrom('\n', '\n\n', ' \t', '\u00a0', '。'), weight: 2 },
    {
      arbitrary: fc.constantFrom(
        '€',
        '{',
        'ç',
        '中',
        '😀',
        '👍🏽',
        '👩‍👩‍👧‍👦',
        '🇫🇷',
        'e\u0301',
        '\r\n',
        ' \u0301',
      ),
      weight: 2,
    },
  );
  const text = fc.string({ unit, maxLength: 400 });
  const options = fc.record({
    maxChars: fc.integer({ min: 30, max: 200 }),
    maxSegments: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    numbering: fc.boolean(),
  });

  it('every part fits maxChars and maxSegments, suffix included, and none is empty', () => {
    fc.assert(
      fc.property(text, options, (input, opts) => {
        for (const part of chunkSms(input, opts)) {
          expect(part.length).toBeGreaterThan(0);
          expect(part.length).toBeLessThanOrEqual(opts.maxChars);
          if (opts.maxSegments !== undefined) {
            expect(countSegments(part).segments).toBeLessThanOrEqual(opts.maxSegments);
          }
        }
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('parts rejoined with the whitespace cut between them give back the trimmed input', () => {
    fc.assert(
      fc.property(text, options, (input, opts) => {
        const parts = opts.numbering ? withoutNumbers(chunkSms(input, opts)) : chunkSms(input, opts);
        expectRejoins(input, parts);
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('never ends a part inside a grapheme', () => {
    fc.assert(
      fc.property(text, options, (input, opts) => {
        const parts = opts.numbering ? withoutNumbers(chunkSms(input, opts)) : chunkSms(input, opts);
        const source = trimGraphemes(input);
        const ends = graphemeEnds(source);
        let at = 0;
        for (const part of parts) {
          at = source.indexOf(part, at);
          expect(ends.has(at) && ends.has(at + part.length), JSON.stringify(part)).toBe(true);
          at += part.length;
        }
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('never throws on any string with valid options', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), options, (input, opts) => {
        chunkSms(input, opts);
      }),
      { numRuns: 200 },
    );
  }, 30_000);
});
