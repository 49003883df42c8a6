import fc from 'fast-check';
import { unified } from 'unified';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { mdastToSms } from './mdast-to-sms.js';
import { ALL_EXTENSIONS, parseMarkdown } from './parse-markdown.js';

/**
 * `parseMarkdown` turns GFM extensions on only when a reply needs them and reads simple tables without the
 * table extension; these properties hold it to a plain parse with every extension on, and to one parse.
 */

/** Every unified processor is an instance of one class, so its `parse` counts every parse of any processor. */
const processorPrototype = Object.getPrototypeOf(unified()) as { parse: (text: string) => unknown };
let parses: MockInstance;
beforeEach(() => {
  parses = vi.spyOn(processorPrototype, 'parse');
});
afterEach(() => {
  parses.mockRestore();
});

/** The text as markdownToSms renders it, checking that it took one parse. */
function renderedOnce(text: string): string {
  parses.mockClear();
  const { tree, source } = parseMarkdown(text);
  expect(parses, JSON.stringify(text)).toHaveBeenCalledTimes(1);
  return mdastToSms(tree, source);
}

function renderedWithEveryExtension(text: string): string {
  return mdastToSms(parseMarkdown(text, ALL_EXTENSIONS).tree, text);
}

const markdownUnit = fc.oneof(
  { arbitrary: fc.constantFrom(...'ab _*~`|<>[]()!&\\@:/.-\n'), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      ...['https://', 'http://', 'www.', 'x@y.z', 'a_b@c.d', 'mailto:', '<https://', '&amp;', '~~', '**'],
      ...['| - |', '-:', '> ', '\n\n', '    ', '```\n', '`https://x.y`', '*https://x.y/a_b*', '`x`'],
      ...['[t](https://x.y/a_b)', '![i](www.x.y/a*b)', '[^1]', '[^1]: n', '- [ ] ', '[x]', '^', '``'],
      ...['\n\n| x |\n| :- |\n| y |\n\n', 'a | b\n-|-\nc | d', '- item\n', '  indented\n', '~~~\n'],
      ...['<!--\n', '-->', '1. one\n', '[r]: https://r.x\n', '[r]', '---\n', '# h\n', '<div>\n', '`a@b.c`'],
      ...['(`ssh pi@host.local`).', '`https://x.y/_a_`;', 'https://x.y/(a_b)', '\\[', 'www.x.y/`a`'],
    ),
    weight: 3,
  },
);

/** Cells mostly simple (plain, code, one wrap, free delimiters), some that make a table not simple. */
const cell = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      ...['a', 'b c', '**b**', '`c`', '_i_', 'snake_case', '~~s~~', '$5', '', ' ', '*`c`*', '__u__', '1.'],
      ...['# h', '> q', '- i', '`` ` ``', 'é 😀', 'https://x.y/a', 'x@y.z', '& co', '**`x` y**', '`a*b`'],
    ),
    weight: 12,
  },
  {
    arbitrary: fc.constantFrom(
      ...['*x', 'y*', '~t', 'a*b', '**', '_', '***', '** b**', 'https://x.y/_a_', '_a@x.y', 'www.x.y/*a*'],
      ...['`x` *y*', '**a** b *c*', 'a_b_'],
    ),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom('`a|b`', '[l](u)', '[r]', '&amp;', '<br>', '\\|', '[^1]', '`', '*a | b*'),
    weight: 1,
  },
);
const cells = (count: number) => fc.array(cell, { minLength: count, maxLength: count });
/** A row as written: mostly `| a | b |`, sometimes without spaces or outer pipes, or with trailing spaces. */
const row = (count: number) =>
  fc
    .tuple(
      cells(count),
      fc.oneof({ arbitrary: fc.constant('| {} |'), weight: 12 }, fc.constantFrom('|{}|', '{}', '| {} |  ')),
    )
    .map(([values, shape]) => shape.replace('{}', values.join(shape.startsWith('| ') ? ' | ' : '|')));
const delimiterRow = (count: number) =>
  fc
    .tuple(
      fc.oneof(
        { arbitrary: fc.constant(count), weight: 8 },
        fc.integer({ min: Math.max(1, count - 1), max: count + 1 }),
      ),
      fc.constantFrom('---', ':-', '-:', ':-:'),
    )
    .map(([columns, cellMarker]) => `| ${Array(columns).fill(cellMarker).join(' | ')} |`);
const before = fc.oneof(
  {
    arbitrary: fc.constantFrom('', 'Intro\n\n', '```\nx\n```\n\n', '- a\n\n', '1. a\n\n', '- a\n  - b\n\n'),
    weight: 6,
  },
  fc.constantFrom('Intro\n', '```\n\n', '   ```\n\n', '~~~\n\n', '<!--\n\n', '    code\n\n'),
);
const after = fc.oneof(
  { arbitrary: fc.constantFrom('', '\n\nOutro', '\n\n[r]: https://r.x', '\n\n[^1]: n'), weight: 6 },
  fc.constantFrom('\nafter', '\n> q', '\n# h', '\n- i'),
);
/** Indentation of the table's lines: none, or as in a list item (all alike, or one line off). */
const indent = fc.oneof(
  { arbitrary: fc.constant(['', '']), weight: 4 },
  fc.constantFrom(['  ', '  '], ['   ', '   '], ['  ', ''], ['    ', '    '], ['  ', '   ']),
);
const table = fc.integer({ min: 1, max: 4 }).chain((count) =>
  fc
    .tuple(before, indent, row(count), delimiterRow(count), fc.array(row(count), { maxLength: 3 }), after)
    .map(([head, [first, rest], header, delimiter, body, tail]) => {
      const lines = [header, delimiter, ...body].map((line, index) => `${index === 0 ? first : rest}${line}`);
      return `${head}${lines.join('\n')}${tail}`;
    }),
);

describe('parseMarkdown, against a parse with every GFM extension on', () => {
  it('renders every text the same, in one parse', () => {
    fc.assert(
      fc.property(fc.string({ unit: markdownUnit, maxLength: 60 }), (text) => {
        expect(renderedOnce(text)).toBe(renderedWithEveryExtension(text));
      }),
      { numRuns: 1500 },
    );
  }, 60_000);

  it('renders every table the same, in one parse', () => {
    fc.assert(
      fc.property(fc.array(table, { minLength: 1, maxLength: 2 }), (tables) => {
        const text = tables.join('\n\n');
        expect(renderedOnce(text)).toBe(renderedWithEveryExtension(text));
      }),
      { numRuns: 1500 },
    );
  }, 60_000);
});
