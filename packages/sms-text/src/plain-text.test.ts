import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mdastToSms } from './mdast-to-sms.js';
import { parseMarkdown } from './parse-markdown.js';
import { isPlainText } from './plain-text.js';
import { tidySmsText } from './tidy-sms-text.js';

/** What markdownToSms would return through the parser. */
function fullPath(text: string): string {
  const { tree, source } = parseMarkdown(text);
  return tidySmsText(mdastToSms(tree, source));
}

describe('isPlainText (the fast path gate)', () => {
  it('accepts ordinary prose with punctuation, numbers, URLs, emoji and CJK', () => {
    for (const text of [
      'Hi! Your table for 4 is booked at 7:30 PM (Friday).',
      'Call 555-0100 or visit https://x.y/path_a?b=1&c=2 - thanks.',
      'Q&A at 5, snake_case_word stays, 3 + 4 = 7, 50% off!',
      '好的，明天见。😀 مرحبا',
      'Line one\nLine two\n\n\nNew paragraph',
    ]) {
      expect(isPlainText(text), text).toBe(true);
    }
  });

  it('refuses text with inline syntax anywhere', () => {
    for (const text of [
      'a *b*',
      'a _b_',
      'a `b`',
      'a ~b~',
      '[a](b)',
      'a <b>',
      'a \\ b',
      'a | b',
      '&amp;',
      'a\0b',
    ]) {
      expect(isPlainText(text), text).toBe(false);
    }
  });

  it('refuses lines that could open a block', () => {
    for (const text of [
      '# h',
      'x\n> q',
      '- a',
      '+ a',
      '1. a',
      '12) a',
      'x\n===',
      '    code',
      '\tcode',
      ' x',
    ]) {
      expect(isPlainText(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('gives the same output as the parser on every text it accepts', () => {
    const unit = fc.oneof(
      { arbitrary: fc.constantFrom(...'abcXY 019.,;:!?\'"()/%$@=+-#>_&'), weight: 12 },
      { arbitrary: fc.constantFrom('\n', '\n\n', '\n\n\n', '  \n', ' \t', '\u00a0', '\u3000'), weight: 3 },
      {
        arbitrary: fc.constantFrom('https://a.b/c', 'www.x.y', 'a@b.c', '&copy', 'x_y', '1.', '😀', '中文'),
        weight: 2,
      },
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 2 }), weight: 1 },
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), (text) => {
        if (!isPlainText(text)) return;
        accepted++;
        expect(tidySmsText(text)).toBe(fullPath(text));
      }),
      { numRuns: 1000 },
    );
    // The property means little unless the generator reaches the fast path often.
    expect(accepted).toBeGreaterThan(200);
  }, 30_000);
});
