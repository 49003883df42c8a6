/**
 * Code spans found without parsing, for the literal-autolink scan: a URL written inside backticks
 * (``run `curl https://x.y/api`;``) runs on past the closing backtick, which would look like markdown acting on
 * the URL, although a URL inside a code span is code whatever the extensions.
 *
 * Only spans that are certainly code spans are reported; a false "code span" could hide a URL that needs the
 * extension, a missed one only costs time. CommonMark pairs a backtick string with the next one of the same
 * length in the same paragraph, and an unmatched one is literal. So lines are read one by one, backtick strings
 * are paired within a line, and the scan stops claiming anything up to the next blank line (which ends any
 * paragraph) as soon as a line leaves a string unpaired (its partner may be on a later line) or holds what could
 * change the pairing: a backslash before a backtick, a `<` (an HTML tag or autolink may hold backticks), a `|`
 * (a table cell ends at it, code span or not). Fence lines are skipped: they hold no code span.
 */

/** An offset range of the source. */
export interface SourceRange {
  start: number;
  end: number;
}

const BACKTICK = 96;
const FENCE_LINE = /^ {0,3}(?:`{3,}[^`]*|~{3,}.*)$/;

/** Code spans that are certainly code spans (content and backticks), in source order. */
export function certainCodeSpans(markdown: string): SourceRange[] {
  const spans: SourceRange[] = [];
  let unsure = false;
  for (let lineStart = 0; lineStart <= markdown.length; ) {
    const newline = markdown.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? markdown.length : newline;
    const line = markdown.slice(lineStart, lineEnd);
    if (line.trim() === '') unsure = false;
    else if (!unsure && line.includes('`') && !FENCE_LINE.test(line)) {
      unsure = !pairLine(markdown, lineStart, lineEnd, spans);
    }
    lineStart = lineEnd + 1;
  }
  return spans;
}

/** Pairs the backtick strings of one line; false when the line may leave a code span open or pair otherwise. */
function pairLine(markdown: string, from: number, lineEnd: number, spans: SourceRange[]): boolean {
  let at = from;
  while (at < lineEnd) {
    const code = markdown.charCodeAt(at);
    if (code === 60 || code === 124) return !markdown.slice(at, lineEnd).includes('`');
    if (code === 92 && markdown.charCodeAt(at + 1) === BACKTICK) return false;
    if (code !== BACKTICK) {
      at++;
      continue;
    }
    const length = runLength(markdown, at, lineEnd);
    const close = closingRun(markdown, at + length, lineEnd, length);
    if (close < 0) return false;
    spans.push({ start: at, end: close + length });
    at = close + length;
  }
  return true;
}

function runLength(markdown: string, at: number, lineEnd: number): number {
  let end = at;
  while (end < lineEnd && markdown.charCodeAt(end) === BACKTICK) end++;
  return end - at;
}

/** Start of the next backtick string of exactly `length` on the line, or -1. */
function closingRun(markdown: string, from: number, lineEnd: number, length: number): number {
  let at = markdown.indexOf('`', from);
  while (at >= 0 && at < lineEnd) {
    const run = runLength(markdown, at, lineEnd);
    if (run === length) return at;
    at = markdown.indexOf('`', at + run);
  }
  return -1;
}

/** Whether `offset` lies inside one of `spans` (sorted, disjoint), found by binary search. */
export function insideSpan(spans: readonly SourceRange[], offset: number): boolean {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const span = spans[middle] as SourceRange;
    if (offset < span.start) high = middle - 1;
    else if (offset >= span.end) low = middle + 1;
    else return true;
  }
  return false;
}
