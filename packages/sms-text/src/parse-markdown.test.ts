import { describe, expect, it } from 'vitest';
import { riskyUrlRuns } from './literal-autolinks.js';
import { mdastToSms } from './mdast-to-sms.js';
import { AUTOLINK_LITERAL, extensionsFor, parseMarkdown } from './parse-markdown.js';
import { findSimpleTables, mayHoldTable } from './simple-tables.js';

/** What markdownToSms renders through the parser. */
function rendered(text: string): string {
  const { tree, source } = parseMarkdown(text);
  return mdastToSms(tree, source);
}

describe('parseMarkdown', () => {
  it('parses GFM tables, strikethrough, task lists, footnotes and literal autolinks', () => {
    const { tree } = parseMarkdown('| a |\n| - |\n| b |\n\n~~x~~ [^1]\n\n- [x] t\n\nwww.x.y/*a*\n\n[^1]: n');
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

  it('reads simple tables as one paragraph per row, giving the table the extension gives', () => {
    const table = '| a | **b** |\n|---|:-:|\n| `1` | 2 *3* |\n| x |';
    const found = findSimpleTables(`Intro\n\n${table}\n\nOutro`);
    expect(found?.map((each) => each.rows.length)).toEqual([3]);
    expect(rendered(`Intro\n\n${table}\n\nOutro`)).toBe('Intro\n\na | b\n1 | 2 3\nx\n\nOutro');
    expect(JSON.stringify(parseMarkdown(table).tree)).toContain('"tableCell"');
  });

  it('declines tables that are not simple, so the reply is parsed with the extension', () => {
    for (const text of [
      '> | a |\n> |---|',
      'Intro\n| a |\n|---|',
      '| a|b |\n|---|---|',
      '| [ref] |\n|---|',
      '| *a | b* |\n|---|---|',
      '| a | b |\n|---|\n',
      '| a |\n|---|\n| &amp; |',
      '| a |\n|---|\n| \\| |',
      '- x\n\n   ```\n\n| a |\n|---|',
    ]) {
      expect(findSimpleTables(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('ignores a delimiter row inside a fenced code block', () => {
    expect(findSimpleTables('```md\n| a |\n|---|\n```\n\n~~~\na\n-:\n~~~')).toEqual([]);
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
});
