import { certainCodeSpans, insideSpan, type SourceRange } from './code-spans.js';
import { isSpace } from './find-cut.js';

/**
 * GFM "literal autolinks" (bare `https://...`, `www.`, e-mail addresses) without paying for the extension.
 *
 * The extension is the costliest part of a GFM parse: micromark tries an e-mail autolink at every letter and
 * digit of the reply. Yet our output for a literal autolink is just the URL as written, which a parse without
 * the extension also gives, unless the URL holds a character that markdown acts on by itself (`*`, a `_` that
 * is not between two letters or digits, `` ` ``, `\`, `[`, `]`, `~`, or an `&` that starts a character
 * reference). So the reply is scanned for bare URLs and addresses first, and the extension is turned on for
 * the one parse only when one of them holds such a character. The scan follows the extension's own grammar
 * (where a URL ends, which trailing punctuation is not part of it, what an address may hold), and errs towards
 * turning the extension on: a property test holds the result to a parse with every extension on.
 * Hand-written because micromark offers no cheaper way to ask this.
 */

/** A bare URL or address in the source, as an offset range. */
export type UrlRun = SourceRange;

const UNDERSCORE = 95;
const URL_START = /https?:\/\/|www\./gi;
/** Characters that markdown may act on inside a URL (`_` and `&` are checked more closely). */
const ALWAYS_RISKY = /[*`\\[\]~]/;
const COMMONMARK_AUTOLINK_REST = /^[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>\p{Cc}]*>/u;
const CHARACTER_REFERENCE = /&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;
/** GFM: `! " ' ) * , . : ; ? _ ~` at the end of a URL are punctuation after it, not part of it. */
const TRAILING_PUNCTUATION = new Set([...'!"\')*,.:;?_~'].map((char) => char.charCodeAt(0)));

/** Whether some bare URL or address in `markdown` needs the literal-autolink extension to come out as written. */
export function needsLiteralAutolinks(markdown: string): boolean {
  return riskyUrlRuns(markdown).length > 0;
}

/** The bare URLs and addresses that markdown might not leave as written without the extension. */
export function riskyUrlRuns(markdown: string): UrlRun[] {
  const runs: UrlRun[] = [];
  let codeSpans: SourceRange[] | undefined;
  // A URL or address that starts inside a code span is code, whatever it holds.
  const inCode = (run: UrlRun) => {
    codeSpans ??= certainCodeSpans(markdown);
    return insideSpan(codeSpans, run.start);
  };
  // A URL starting inside an earlier one's run is part of it; but not inside a run that is no literal.
  let covered = 0;
  for (const match of markdown.matchAll(URL_START)) {
    const start = match.index;
    if (start < covered) continue;
    // Right after a link's `[`, a URL is link text: the extension never makes a literal there.
    if (markdown[start - 1] === '[' && markdown[start - 2] !== '\\') continue;
    // `<https://x.y>` is a CommonMark autolink, which wins over a literal whatever it holds.
    if (markdown[start - 1] === '<' && COMMONMARK_AUTOLINK_REST.test(markdown.slice(start, start + 2048)))
      continue;
    const run = { start, end: urlEnd(markdown, start) };
    if (!isRisky(markdown, run)) covered = run.end;
    else if (!inCode(run)) {
      covered = run.end;
      runs.push(run);
    }
  }
  for (let at = markdown.indexOf('@'); at >= 0; at = markdown.indexOf('@', at + 1)) {
    const run = addressAround(markdown, at);
    if (run !== undefined && isRisky(markdown, run) && !inCode(run)) runs.push(run);
  }
  return runs;
}

/** A URL runs to the first whitespace or `<`, less the trailing punctuation GFM leaves out. */
function urlEnd(markdown: string, start: number): number {
  let end = start;
  while (end < markdown.length && !isSpaceOrOpenAngle(markdown.charCodeAt(end))) end++;
  while (end > start && TRAILING_PUNCTUATION.has(markdown.charCodeAt(end - 1))) end--;
  return end;
}

/** micromark ends a URL at `<` or at what JavaScript's `\s` matches. */
function isSpaceOrOpenAngle(code: number): boolean {
  return code === 60 || isSpace(code);
}

/** GFM e-mail literal: atext (`A-Za-z0-9+-._`), `@`, then a domain of `A-Za-z0-9-_` labels separated by dots. */
function addressAround(markdown: string, at: number): UrlRun | undefined {
  let start = at;
  while (start > 0 && isAtext(markdown.charCodeAt(start - 1))) start--;
  let end = at + 1;
  while (end < markdown.length && isDomainCharacter(markdown.charCodeAt(end))) end++;
  while (end > at + 1 && markdown.charCodeAt(end - 1) === 46) end--;
  return start === at || end === at + 1 ? undefined : { start, end };
}

function isAtext(code: number): boolean {
  return code === 43 || isDomainCharacter(code);
}

function isDomainCharacter(code: number): boolean {
  return code === 45 || code === 46 || code === 95 || isAsciiAlphanumeric(code);
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isRisky(markdown: string, run: UrlRun): boolean {
  const text = markdown.slice(run.start, run.end);
  return ALWAYS_RISKY.test(text) || CHARACTER_REFERENCE.test(text) || hasFlankingUnderscore(markdown, run);
}

/** A `_` between two ASCII letters or digits can neither open nor close emphasis; any other one might. */
function hasFlankingUnderscore(markdown: string, run: UrlRun): boolean {
  for (let at = run.start; at < run.end; at++) {
    if (markdown.charCodeAt(at) !== UNDERSCORE) continue;
    if (
      !isAsciiAlphanumeric(markdown.charCodeAt(at - 1)) ||
      !isAsciiAlphanumeric(markdown.charCodeAt(at + 1))
    ) {
      return true;
    }
  }
  return false;
}
