/**
 * Tables without paying for the table extension on the whole reply.
 *
 * micromark tries the GFM table construct at the start of every block line, which re-reads each paragraph's
 * first line: on a 1 KB reply with one table that costs about a third of a CommonMark parse. A table that
 * stands alone at the top level (a blank line before its header, none inside it, a blank line or the end
 * after it) parses the same on its own as in place. So such regions are cut out (blanked, so every other
 * offset stays put), the rest is parsed without the extension, each region is parsed with it, and the table
 * is put back. Anything less clear-cut (an indented table, one in a quote or list, a row that could open a
 * block that runs on, a `[` that may refer to a definition elsewhere) makes the caller parse the whole reply
 * with the extension instead.
 */

/** One stand-alone table: from the start of its header line to the end of its last row. */
export interface TableRegion {
  start: number;
  end: number;
}

/** A line that could be a table's delimiter row: cells of `:?-+:?` (a `|` or `:` needed somewhere). */
const DELIMITER_ROW = /^[ \t>]*\|?(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*\|?[ \t]*$/gm;
/** A header or body row that cannot open a block of its own: starts with `|`, a letter, or a bare number. */
const PLAIN_ROW = /^(?:[|\p{L}]|\d+(?![\d.)]))/u;
const BLANK = /^[ \t]*$/;

/** Whether the reply might hold a GFM table (micromark takes pipeless ones too, `a` over `-:`). */
export function mayHoldTable(markdown: string): boolean {
  if (!markdown.includes('-')) return false;
  for (const _ of delimiterRows(markdown)) return true;
  return false;
}

/**
 * The stand-alone table regions of the reply, or `undefined` when some possible table is not stand-alone
 * (then only a whole-reply parse with the extension is known to be right).
 */
export function findTableRegions(markdown: string): TableRegion[] | undefined {
  const regions: TableRegion[] = [];
  for (const { start, end } of delimiterRows(markdown)) {
    const last = regions.at(-1);
    if (last !== undefined && start < last.end) continue;
    const region = standAloneTable(markdown, start, end);
    if (region === undefined) return undefined;
    regions.push(region);
  }
  return regions;
}

function* delimiterRows(markdown: string): Generator<TableRegion> {
  const hasPipe = markdown.includes('|');
  for (const match of markdown.matchAll(DELIMITER_ROW)) {
    if (hasPipe || match[0].includes(':')) yield { start: match.index, end: match.index + match[0].length };
  }
}

function standAloneTable(markdown: string, rowStart: number, rowEnd: number): TableRegion | undefined {
  if (rowStart === 0 || !/^[|:-]/.test(markdown.slice(rowStart, rowEnd))) return undefined;
  const headerStart = markdown.lastIndexOf('\n', rowStart - 2) + 1;
  if (!PLAIN_ROW.test(markdown.slice(headerStart, rowStart - 1))) return undefined;
  if (headerStart > 0) {
    const before = markdown.slice(markdown.lastIndexOf('\n', headerStart - 2) + 1, headerStart - 1);
    if (!BLANK.test(before)) return undefined;
  }
  let end = rowEnd;
  while (end < markdown.length) {
    const next = markdown.indexOf('\n', end + 1);
    const lineEnd = next < 0 ? markdown.length : next;
    const line = markdown.slice(end + 1, lineEnd);
    if (BLANK.test(line)) break;
    if (!PLAIN_ROW.test(line)) return undefined;
    end = lineEnd;
  }
  // A `[` may be a reference to a definition elsewhere in the reply, which a parse on its own cannot resolve.
  if (markdown.slice(headerStart, end).includes('[')) return undefined;
  return { start: headerStart, end };
}

/** The reply with each region's characters turned to spaces (line breaks kept, so offsets do not move). */
export function blankOut(markdown: string, regions: readonly TableRegion[]): string {
  let out = '';
  let at = 0;
  for (const { start, end } of regions) {
    out += markdown.slice(at, start) + markdown.slice(start, end).replace(/[^\n]/g, ' ');
    at = end;
  }
  return out + markdown.slice(at);
}
