import type { Nodes, Root } from 'mdast';

/**
 * GFM "literal autolinks" (bare `https://...`, `www.`, e-mail addresses) without paying for the extension.
 *
 * The extension is the costliest part of a GFM parse (measured: about a third more time per reply), yet our
 * output for a literal autolink is just the URL as written, which a parse without the extension also gives
 * whenever the URL came through as plain text. So we parse without it, find the bare URLs that contain a
 * character markdown could act on, and check that each one still sits, unchanged, inside one text node, code
 * span or link destination. Only when one does not (rare: a bare URL with `*` or `\` in it, say) is the reply
 * parsed again with the extension. Hand-written because micromark offers no cheaper way to ask this.
 */

/** A bare URL or address in the source, as an offset range. */
export interface UrlRun {
  start: number;
  end: number;
}

/** Characters that could make markdown read a bare URL or address as anything but its own text. */
const MARKDOWN_IN_URL = /[_*~`\\<>[\]&!|]/;
const URL_START = /https?:\/\/|www\./gi;
const UNTIL_SPACE = /^[^\s<]*/;
const COMMONMARK_AUTOLINK_REST = /^https?:[^\s<>\p{Cc}]*>/iu;
const EMAIL_LOCAL_PART = /[A-Za-z0-9._+-]+$/;
/** GFM: trailing `?`, `!`, `.`, `,`, `:`, `*`, `_` and `~` are never part of a literal autolink. */
const TRAILING_PUNCTUATION = /[?!.,:*_~]+$/;

/** The bare URLs and addresses that markdown might not leave as written. */
export function riskyUrlRuns(markdown: string): UrlRun[] {
  const runs: UrlRun[] = [];
  let covered = 0;
  for (const match of markdown.matchAll(URL_START)) {
    const start = match.index;
    if (start < covered) continue;
    const rest = markdown.slice(start, start + 2048);
    // `<https://x.y>` is a CommonMark autolink, which wins over a literal one whatever its characters.
    const autolink = markdown[start - 1] === '<' ? COMMONMARK_AUTOLINK_REST.exec(rest) : null;
    const length = autolink?.[0].length ?? UNTIL_SPACE.exec(rest)?.[0].length ?? 0;
    covered = start + length;
    if (autolink === null) addIfRisky(markdown, start, start + length, runs);
  }
  for (let at = markdown.indexOf('@'); at >= 0; at = markdown.indexOf('@', at + 1)) {
    const local = EMAIL_LOCAL_PART.exec(markdown.slice(Math.max(0, at - 256), at))?.[0] ?? '';
    const domain = UNTIL_SPACE.exec(markdown.slice(at + 1, at + 2048))?.[0] ?? '';
    addIfRisky(markdown, at - local.length, at + 1 + domain.length, runs);
  }
  return runs;
}

function addIfRisky(markdown: string, start: number, end: number, runs: UrlRun[]): void {
  const text = markdown.slice(start, end).replace(TRAILING_PUNCTUATION, '');
  if (MARKDOWN_IN_URL.test(text)) runs.push({ start, end: start + text.length });
}

/** Whether a parse without the extension kept `run` exactly as written (so the extension would change nothing). */
export function keptAsWritten(tree: Root, source: string, run: UrlRun): boolean {
  const node = innermostContaining(tree, run);
  const from = node.position?.start.offset;
  const to = node.position?.end.offset;
  if (from === undefined || to === undefined) return false;
  switch (node.type) {
    case 'text':
      return node.value === source.slice(from, to);
    case 'inlineCode':
    case 'code':
    case 'html':
    case 'definition':
      return true;
    case 'link':
    case 'image':
      return node.url.includes(source.slice(run.start, run.end).replace(/\)+$/, ''));
    default:
      return false;
  }
}

function innermostContaining(tree: Root, run: UrlRun): Nodes {
  let node: Nodes = tree;
  for (;;) {
    if (!('children' in node)) return node;
    const child = childContaining(node.children, run);
    if (child === undefined) return node;
    node = child;
  }
}

/** Binary search: children are in source order. */
function childContaining(children: readonly Nodes[], run: UrlRun): Nodes | undefined {
  let low = 0;
  let high = children.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const child = children[middle];
    const start = child?.position?.start.offset;
    const end = child?.position?.end.offset;
    if (child === undefined || start === undefined || end === undefined) return undefined;
    if (run.start < start) high = middle - 1;
    else if (run.start >= end) low = middle + 1;
    else return run.end <= end ? child : undefined;
  }
  return undefined;
}
