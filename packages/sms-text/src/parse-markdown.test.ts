import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { riskyUrlRuns } from './literal-autolinks.js';
import { mdastToSms } from './mdast-to-sms.js';
import { ALL_EXTENSIONS, AUTOLINK_LITERAL, extensionsFor, parseMarkdown } from './parse-markdown.js';
import { findTableRegions, mayHoldTable } from './table-regions.js';

describe('parseMarkdown', () => {
  it('parses GFM tables, strikethrough, task lists, footnotes and literal autolinks', () => {
    const tree = parseMarkdown('| a |\n| - |\n| b |\n\n~~x~~ [^1]\n\n- [x] t\n\nwww.x.y/*a*\n\n[^1]: n');
    const types = JSON.stringify(tree);
    for (const type of ['"table"', '"delete"', '"checked":true', '"footnoteReference"', '"link"']) {
      expect(types).toContain(type);
    }
  });

  it('turns the table extension on only for a text with a possible delimiter row', () => {
    expect(mayHoldTable('a | b\n\n---\n\nno table row here')).toBe(true);
    expect(mayHoldTable('`ls | wc -l` and a rule:\n\n***')).toBe(false);
    expect(mayHoldTable('| a |\n|:-|')).toBe(true);
    expect(mayHoldTable('a\n-:')).toBe(true);
  });

  it('parses stand-alone tables apart, and declines tables that are not stand-alone', () => {
    const table = '| a | b |\n|---|---|\n| 1 | 2 |';
    expect(findTableRegions(`Intro\n\n${table}\n\nOutro`)).toEqual([{ start: 7, end: 7 + table.length }]);
    expect(findTableRegions('> | a |\n> |---|')).toBeUndefined();
    expect(findTableRegions('Intro\n| a |\n|---|')).toBeUndefined();
    expect(findTableRegions('| a |\n|---|\n| [ref] |\n\n[ref]: https://x.y')).toBeUndefined();
  });

  it('lists only bare URLs and addresses holding a character markdown could act on', () => {
    const source =
      'see https://x.y/plain, https://x.y/a_b_, https://x.y/_next/a, <https://x.y/*k*>, www.x.y/*a* or a_b@x.y, _a@x.y.';
    const runs = riskyUrlRuns(source).map((run) => source.slice(run.start, run.end));
    expect(runs).toEqual(['https://x.y/_next/a', 'www.x.y/*a', '_a@x.y']);
  });

  it('regression (a URL or address in a code span made the whole reply be parsed twice): ignores code spans', () => {
    const source = 'Run (`ssh pi@pihole.local`), open `https://x.y/owa`; or `curl https://x.y/_a_`.';
    expect(riskyUrlRuns(source)).toEqual([]);
    expect(extensionsFor(source) & AUTOLINK_LITERAL).toBe(0);
  });

  it('turns the literal-autolink extension on when a bare URL needs it', () => {
    expect(extensionsFor('see https://x.y/a*b*c') & AUTOLINK_LITERAL).toBe(AUTOLINK_LITERAL);
    expect(extensionsFor('see `a` https://x.y/a*b*c `b`') & AUTOLINK_LITERAL).toBe(AUTOLINK_LITERAL);
  });

  it('renders every text the same as with all extensions on', () => {
    const unit = fc.oneof(
      { arbitrary: fc.constantFrom(...'ab _*~`|<>[]()!&\\@:/.-\n'), weight: 6 },
      {
        arbitrary: fc.constantFrom(
          ...['https://', 'http://', 'www.', 'x@y.z', 'a_b@c.d', 'mailto:', '<https://', '&amp;', '~~', '**'],
          ...['| - |', '-:', '> ', '\n\n', '    ', '```\n', '`https://x.y`', '*https://x.y/a_b*'],
          ...['[t](https://x.y/a_b)', '![i](www.x.y/a*b)', '[^1]', '[^1]: n', '- [ ] ', '[x]', '^'],
          ...['\n\n| x |\n| :- |\n| y |\n\n', 'a | b\n-|-\nc | d', '- item\n', '  indented\n', '~~~\n'],
          ...['<!--\n', '-->', '1. one\n', '[r]: https://r.x\n', '[r]', '---\n', '# h\n', '<div>\n'],
        ),
        weight: 3,
      },
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 50 }), (text) => {
        const fast = mdastToSms(parseMarkdown(text), text);
        expect(fast).toBe(mdastToSms(parseMarkdown(text, ALL_EXTENSIONS), text));
      }),
      { numRuns: 400 },
    );
  }, 30_000);
});
