import type { GraphemeIndex } from './graphemes.js';

/** Where one part ends and the next begins; the whitespace between them is dropped. */
export interface Cut {
  /** End (exclusive) of the part, its trailing whitespace excluded. */
  partEnd: number;
  /** Start of the next part, the whitespace at the cut skipped. */
  nextStart: number;
}

/**
 * Chooses where to end the part that starts at `start` and may reach `limit` (a grapheme boundary): the last
 * paragraph break, else line break, else sentence end, in the later half of the window; else the last space;
 * else a hard cut at `limit`. The later-half rule keeps a stray early break from producing a tiny part that
 * is billed as a whole message.
 */
export function findCut(text: string, start: number, limit: number, graphemes: GraphemeIndex): Cut {
  const earliest = start + Math.max(1, Math.floor((limit - start) / 2));
  const at =
    lastBreak(text, '\n\n', earliest, limit, graphemes) ??
    lastBreak(text, '\n', earliest, limit, graphemes) ??
    lastCutWhere(earliest, limit, graphemes, (i) => endsSentence(text, i)) ??
    lastCutWhere(start + 1, limit, graphemes, (i) => isSpace(text.charCodeAt(i)));
  if (at === undefined) return { partEnd: limit, nextStart: limit };
  return { partEnd: trimBack(text, at, start, graphemes), nextStart: skipSpace(text, at, graphemes) };
}

function lastBreak(
  text: string,
  needle: string,
  earliest: number,
  limit: number,
  graphemes: GraphemeIndex,
): number | undefined {
  // Searched in the window only: `lastIndexOf` on the whole text would walk back to its start whenever the
  // window holds no break, which made cutting a long text without line breaks cost the square of its length.
  const window = text.slice(earliest, limit + needle.length);
  for (let found = window.lastIndexOf(needle, limit - earliest); found >= 0; ) {
    const at = earliest + found;
    // CR LF is one grapheme: cut before the CR.
    const cut = text.charCodeAt(at - 1) === 13 ? at - 1 : at;
    if (cut >= earliest && isCutPoint(cut, graphemes)) return cut;
    found = found === 0 ? -1 : window.lastIndexOf(needle, found - 1);
  }
  return undefined;
}

/** Full stops that end a sentence with no space after them (CJK). */
const WIDE_STOPS = new Set(['。', '！', '？', '｡']);
const STOPS = new Set(['.', '!', '?', '…', ...WIDE_STOPS]);

/** Whether a sentence ends right before `at`: a full stop then whitespace, or a wide stop on its own. */
function endsSentence(text: string, at: number): boolean {
  const before = text[at - 1] ?? '';
  return WIDE_STOPS.has(before) || (STOPS.has(before) && isSpace(text.charCodeAt(at)));
}

/** The last grapheme boundary from `limit` down to `earliest` at which `accepts` holds. */
function lastCutWhere(
  earliest: number,
  limit: number,
  graphemes: GraphemeIndex,
  accepts: (at: number) => boolean,
): number | undefined {
  for (let at = limit; at >= earliest; at--) {
    if (accepts(at) && isCutPoint(at, graphemes)) return at;
  }
  return undefined;
}

function isCutPoint(at: number, graphemes: GraphemeIndex): boolean {
  return graphemes.startOf(at) === at;
}

/** Steps back over the whitespace before a cut, one whole grapheme at a time. */
export function trimBack(text: string, at: number, start: number, graphemes: GraphemeIndex): number {
  let end = at;
  while (end > start && isSpace(text.charCodeAt(end - 1))) {
    const from = graphemes.startOf(end - 1);
    if (from < start || !isSpace(text.charCodeAt(from))) break;
    end = from;
  }
  return end;
}

/** Skips the whitespace at a cut, one whole grapheme at a time: never a space that carries a combining mark. */
export function skipSpace(text: string, at: number, graphemes: GraphemeIndex): number {
  let next = at;
  while (next < text.length && isSpace(text.charCodeAt(next))) {
    const end = graphemes.endOf(next);
    for (let i = next + 1; i < end; i++) if (!isSpace(text.charCodeAt(i))) return next;
    next = end;
  }
  return next;
}

/** JavaScript's `\s`: the whitespace `String.prototype.trim` removes. */
export function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
