import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mdastToSms } from './mdast-to-sms.js';
import { ALL_EXTENSIONS, extensionsFor, parseMarkdown } from './parse-markdown.js';

describe('parseMarkdown', () => {
  it('parses GFM tables, strikethrough, task lists, footnotes and literal autolinks', () => {
    const tree = parseMarkdown('| a |\n| - |\n| b |\n\n~~x~~ [^1]\n\n- [x] t\n\nwww.x.y/a_b_\n\n[^1]: n');
    const types = JSON.stringify(tree);
    for (const type of ['"table"', '"delete"', '"checked":true', '"footnoteReference"', '"link"']) {
      expect(types).toContain(type);
    }
  });

  it('skips the table and literal-autolink extensions when the text cannot use them', () => {
    expect(extensionsFor('plain [link](https://x.y) and https://x.y/plain')).toBe(0);
    expect(extensionsFor('a | b')).not.toBe(0);
    expect(extensionsFor('see https://x.y/a_b')).not.toBe(0);
  });

  it('renders every text the same as with all extensions on', () => {
    const unit = fc.oneof(
      { arbitrary: fc.constantFrom(...'ab _*~`|<>[]()!&\\@:/.-\n'), weight: 6 },
      {
        arbitrary: fc.constantFrom('https://', 'http://', 'www.', 'x@y.z', '| - |', '~~', '**', '&amp;'),
        weight: 2,
      },
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
        const fast = mdastToSms(parseMarkdown(text), text);
        expect(fast).toBe(mdastToSms(parseMarkdown(text, ALL_EXTENSIONS), text));
      }),
      { numRuns: 400 },
    );
  }, 30_000);
});
