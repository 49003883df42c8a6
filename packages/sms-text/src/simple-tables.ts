import type { SourceRange } from './code-spans.js';
import { simpleRow, type TableRow } from './simple-table-cells.js';

/**
 * Tables without paying for the GFM table extension.
 *
 * micromark tries the table construct at the start of every block line, and gives each cell a tokenizer of its
 * own: on a reply with one small table, the extension doubles the cost of the parse, where the baseline reads
 * the same lines as one paragraph. Yet most tables in replies are simple: rows written `| a | b |`, cells of
 * plain words, a code span, a bold phrase. Such a row read as a paragraph of its own gives the same inline nodes
 * as its cells read one by one, as long as no inline construct can reach from one cell into another. So a
 * simple table is parsed as one paragraph per row (its delimiter row dropped), in the reply's one parse without
 * the extension, and the paragraphs are then cut back into cells (`rows-as-paragraphs.ts`).
 *
 * A table is simple when it stands alone (a blank line or the start before its header, a blank line or the end
 * after its last row), at the top level or in a list item (every line indented alike, by at most 3 spaces),
 * each row starts with `|`, every `|` has a space on each side
 * within the row, the header has as many cells as the delimiter row, no line holds a backslash, and each cell
 * passes `simpleRow`'s checks. Anything else possibly a table (in a list or quote, a pipeless row, a link in a
 * cell...) makes the caller parse the whole reply with the extension: slower, never wrong. A property test
 * holds the result to a parse with the extension.
 */

/** One simple table: its rows (header first, delimiter row left out), each with the offsets of its `|`. */
export interface SimpleTable extends SourceRange {
  /** Spaces before every line of the table (0 to 3). */
  indent: number;
  rows: TableRow[];
}

/** A line that could be a table's delimiter row: cells of `:?-+:?` (a `|` or `:` needed somewhere). */
const DELIMITER_ROW = /^[ \t>]*\|?(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*\|?[ \t]*$/gm;
const SIMPLE_DELIMITER_ROW = /^\|(?: *:?-+:? *\|)+ *$/;
const BLANK = /^[ \t]*$/;

/** Whether the reply might hold a GFM table (micromark takes pipeless ones too, `a` over `-:`). */
export function mayHoldTable(markdown: string): boolean {
  if (!markdown.includes('-')) return false;
  for (const _ of delimiterRows(markdown)) return true;
  return false;
}

function* delimiterRows(markdown: string): Generator<SourceRange> {
  const hasPipe = markdown.includes('|');
  for (const match of markdown.matchAll(DELIMITER_ROW)) {
    if (hasPipe || match[0].includes(':')) yield { start: match.index, end: match.index + match[0].length };
  }
}

/**
 * The reply's tables, when every line that could be a delimiter row belongs to a simple table or sits in a
 * fenced code block; `undefined` otherwise.
 */
export function findSimpleTables(markdown: string): SimpleTable[] | undefined {
  const tables: SimpleTable[] = [];
  const fences = createFenceTracker(markdown);
  for (const row of delimiterRows(markdown)) {
    const last = tables.at(-1);
    if (last !== undefined && row.start < last.end) continue;
    const state = fences.stateAt(row.start);
    if (state === 'fenced') continue;
    const table = state === 'outside' ? simpleTableAround(markdown, row) : undefined;
    if (table === undefined) return undefined;
    tables.push(table);
  }
  return tables;
}

function simpleTableAround(markdown: string, delimiter: SourceRange): SimpleTable | undefined {
  const delimiterLine = markdown.slice(delimiter.start, delimiter.end);
  const indent = leadingSpaces(delimiterLine);
  if (delimiter.start === 0 || indent > 3 || !SIMPLE_DELIMITER_ROW.test(delimiterLine.slice(indent))) {
    return undefined;
  }
  const headerStart = markdown.lastIndexOf('\n', delimiter.start - 2) + 1;
  if (headerStart > 0) {
    const before = markdown.slice(markdown.lastIndexOf('\n', headerStart - 2) + 1, headerStart - 1);
    if (!BLANK.test(before)) return undefined;
  }
  const header = indentedRow(markdown, headerStart, delimiter.start - 1, indent);
  const columns = pipesOf(markdown, { start: delimiter.start + indent, end: delimiter.end }).length;
  if (header === undefined || header.pipes.length !== columns) return undefined;
  const rows = [header];
  let end = delimiter.end;
  while (end < markdown.length) {
    const next = markdown.indexOf('\n', end + 1);
    const lineEnd = next < 0 ? markdown.length : next;
    if (BLANK.test(markdown.slice(end + 1, lineEnd))) break;
    const row = indentedRow(markdown, end + 1, lineEnd, indent);
    if (row === undefined) return undefined;
    rows.push(row);
    end = lineEnd;
  }
  if (!freeOfBackslashes(markdown, headerStart, end)) return undefined;
  return { start: headerStart, end, indent, rows };
}

/**
 * A simple row indented by exactly `indent` spaces, as every line of its table must be: then each line
 * belongs to the same container (a list item, say) as the header, whether read as table rows or paragraphs.
 */
function indentedRow(
  markdown: string,
  lineStart: number,
  lineEnd: number,
  indent: number,
): TableRow | undefined {
  if (leadingSpaces(markdown.slice(lineStart, lineStart + indent + 1)) !== indent) return undefined;
  return simpleRow(markdown, lineStart + indent, lineEnd);
}

function leadingSpaces(line: string): number {
  let count = 0;
  while (line.charCodeAt(count) === 32) count++;
  return count;
}

function pipesOf(markdown: string, line: SourceRange): number[] {
  const pipes: number[] = [];
  for (
    let at = markdown.indexOf('|', line.start);
    at >= 0 && at < line.end;
    at = markdown.indexOf('|', at + 1)
  ) {
    pipes.push(at);
  }
  return pipes;
}

function freeOfBackslashes(markdown: string, start: number, end: number): boolean {
  const at = markdown.indexOf('\\', start);
  return at < 0 || at >= end;
}

type FenceState = 'outside' | 'fenced' | 'unsure';

/**
 * Where a line stands with respect to top-level fenced code blocks, read line by line from the start of the
 * reply, forward only. A fence at column 0 is a top-level fence (no container keeps an unindented line), so its
 * opening and closing are certain; a fence line indented by 1 to 3 spaces may belong to a list item, and an
 * HTML block or a link definition started since the last blank line may hold a fence-like line, so after
 * either nothing is claimed any more.
 */
function createFenceTracker(markdown: string) {
  let at = 0;
  let open: { marker: string; length: number } | undefined;
  let unsure = false;
  /** Since the last blank line, a line opened what may swallow a fence-like line: an HTML block, a definition. */
  let mayHideFence = false;
  const readLine = (line: string) => {
    const fence = FENCE.exec(line);
    if (open !== undefined) {
      const run = fence?.[2] ?? '';
      if (fence !== null && fence[1] !== '') unsure = true;
      else if (run[0] === open.marker && run.length >= open.length && BLANK.test(line.slice(run.length))) {
        open = undefined;
      }
      return;
    }
    if (BLANK.test(line)) mayHideFence = false;
    else if (fence === null) {
      mayHideFence ||= MAY_HIDE_FENCE.test(line);
      // These HTML blocks run on past blank lines, over whatever follows, tables included.
      unsure ||= RAW_HTML_START.test(line);
    } else if (fence[1] !== '' || mayHideFence) unsure = true;
    // A backtick fence's info string holds no backtick; with one, the line is a paragraph.
    else if (fence[2]?.[0] !== '`' || !line.slice(fence[0].length).includes('`')) {
      open = { marker: fence[2]?.[0] as string, length: fence[2]?.length ?? 3 };
    }
  };
  return {
    stateAt(offset: number): FenceState {
      while (at < offset && at < markdown.length) {
        const newline = markdown.indexOf('\n', at);
        const lineEnd = newline < 0 ? markdown.length : newline;
        if (lineEnd >= offset) break;
        readLine(markdown.slice(at, lineEnd));
        at = lineEnd + 1;
      }
      if (unsure) return 'unsure';
      return open === undefined ? 'outside' : 'fenced';
    },
  };
}

const FENCE = /^( {0,3})(`{3,}|~{3,})/;
/**
 * A line that may open a block in which a fence-like line is no fence: an HTML block (any kind: some end at a
 * blank line, some run on past it) or a link definition (its title may span lines), in a container or not.
 */
const MAY_HIDE_FENCE = /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*[<[]/;
/** The HTML blocks that run on past blank lines (CommonMark kinds 1 to 5), in a container or not. */
const RAW_HTML_START =
  /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*<(?:!--|\?|![A-Za-z]|!\[CDATA\[|(?:script|pre|style|textarea)(?:[\s>]|$))/i;
