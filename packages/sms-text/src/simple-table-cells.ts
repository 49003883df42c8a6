import type { SourceRange } from './code-spans.js';

/** One row of a simple table: where it is, and the offsets of its `|` separators, first and last included. */
export interface TableRow extends SourceRange {
  pipes: number[];
}

/**
 * The rows of a simple table (see `simple-tables.ts`): checked so that, read as a paragraph, a row yields
 * exactly the inline nodes its cells yield one by one.
 *
 * Within a row paragraph, an inline construct could reach across a `|` where, in a table, each cell is parsed
 * on its own. Links, raw HTML and autolinks (`[`, `]`, `<`) are refused outright; code spans must pair up within
 * their cell (a `|` inside backticks still ends a cell in GFM); character references are refused (the text
 * would no longer match its source, which cutting the row into cells relies on). Emphasis and strikethrough
 * delimiters may pair across cells, so each cell's delimiters are either one wrap around the whole cell
 * (`**b**`, `_i_`, `~~s~~`, `` `c` `` inside allowed), which pairs with itself before any later delimiter is
 * looked at, or "free", and per delimiter character only one cell of a row may hold free ones: then no
 * delimiter has a partner in another cell to pair with. A `|` has a space on each side, so a cell's edges look
 * to the delimiter rules exactly like the line edges a cell has when parsed alone.
 */

const PIPE = 124;
const SPACE = 32;
const BACKTICK = 96;
const UNDERSCORE = 95;
const DELIMITERS = '*_~';
const REFUSED = /[[\]<`\\]/;
const CHARACTER_REFERENCE = /&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;
/** A whole cell wrapped in one emphasis, strong or strikethrough: the marker, then text that neither starts nor
 * ends with whitespace or the marker's character, then the same marker. */
const WRAP = /^(\*\*|__|~~|\*|_|~)(?![\s*_~])([\s\S]*?)(?<![\s*_~])\1$/;

/** The row on `[start, end)` (trailing spaces allowed) when it is simple, with the offsets of its pipes. */
export function simpleRow(markdown: string, start: number, end: number): TableRow | undefined {
  let last = end;
  while (last > start && (markdown.charCodeAt(last - 1) === SPACE || markdown.charCodeAt(last - 1) === 9))
    last--;
  if (last - start < 3 || markdown.charCodeAt(start) !== PIPE || markdown.charCodeAt(last - 1) !== PIPE) {
    return undefined;
  }
  const pipes: number[] = [];
  for (let at = start; at < last; at++) {
    if (markdown.charCodeAt(at) !== PIPE) continue;
    if (at > start && markdown.charCodeAt(at - 1) !== SPACE) return undefined;
    if (at < last - 1 && markdown.charCodeAt(at + 1) !== SPACE) return undefined;
    pipes.push(at);
  }
  const owners = new Map<string, number>();
  for (let cell = 0; cell + 1 < pipes.length; cell++) {
    const free = freeDelimiters(markdown.slice((pipes[cell] as number) + 1, pipes[cell + 1]));
    if (free === undefined) return undefined;
    for (const char of free) {
      if ((owners.get(char) ?? cell) !== cell) return undefined;
      owners.set(char, cell);
    }
  }
  return { start, end: last, pipes };
}

/** The delimiter characters a cell holds outside a whole-cell wrap, or `undefined` if the cell is not simple. */
function freeDelimiters(cell: string): string[] | undefined {
  const outsideCode = withoutCodeSpans(cell);
  if (outsideCode === undefined || REFUSED.test(outsideCode) || CHARACTER_REFERENCE.test(outsideCode)) {
    return undefined;
  }
  const wrap = WRAP.exec(cell.trim());
  if (wrap !== null && delimitersIn(withoutCodeSpans(wrap[2] ?? '') ?? '*').length === 0) return [];
  return delimitersIn(outsideCode);
}

/** The cell's text with its code spans cut out, or `undefined` when a backtick string has no partner. */
function withoutCodeSpans(cell: string): string | undefined {
  if (!cell.includes('`')) return cell;
  let out = '';
  let at = 0;
  for (let open = cell.indexOf('`'); open >= 0; open = cell.indexOf('`', at)) {
    const length = runLength(cell, open);
    let close = cell.indexOf('`', open + length);
    while (close >= 0 && runLength(cell, close) !== length)
      close = cell.indexOf('`', close + runLength(cell, close));
    if (close < 0) return undefined;
    out += cell.slice(at, open);
    at = close + length;
  }
  return out + cell.slice(at);
}

function runLength(text: string, at: number): number {
  let end = at;
  while (text.charCodeAt(end) === BACKTICK) end++;
  return end - at;
}

/** Which of `*`, `_`, `~` occur as possible delimiters (a `_` between two ASCII letters or digits is not one). */
function delimitersIn(text: string): string[] {
  const found: string[] = [];
  for (const char of DELIMITERS) {
    for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) {
      if (
        char.charCodeAt(0) === UNDERSCORE &&
        isAsciiAlphanumeric(text, at - 1) &&
        isAsciiAlphanumeric(text, at + 1)
      ) {
        continue;
      }
      found.push(char);
      break;
    }
  }
  return found;
}

function isAsciiAlphanumeric(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
