/**
 * Grapheme boundaries from the platform's `Intl.Segmenter` (Unicode extended grapheme clusters), shared by the
 * segment counter and the chunker so that neither ever cuts an emoji, a flag or a letter from its accent.
 *
 * V8 answers `containing()` in time that grows with the position asked about (measured on Node 20: 0.7 ms per
 * call 60 KB into a text, so counting the segments of a 64 KB Korean reply took 0.7 s), and iterating the
 * segments of a long text is worse still (41 s for 64 KB). So the segmenter is only ever given short windows
 * of the text, each starting on a true boundary: from there it segments exactly as it would the whole text (no
 * grapheme rule looks back past a boundary), and every boundary before the window's last grapheme is exact (the
 * rules look one character ahead). Every position a window settles is remembered, so each character is given
 * to the segmenter at most about once. Most positions need no window at all: between two characters that no
 * grapheme rule can join (`isPlain`), there is always a boundary.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Answers "where does the grapheme around this code unit start and end?" for one text. */
export interface GraphemeIndex {
  /** Start of the grapheme that contains code unit `index` (`index` itself when it is a boundary). */
  startOf(index: number): number;
  /** End (exclusive) of the grapheme that contains code unit `index`. */
  endOf(index: number): number;
}

const UNKNOWN = 0;
const BOUNDARY = 1;
const INSIDE = 2;
/** How far a window reaches past the position asked about, at least. */
const WINDOW = 256;

export function indexGraphemes(text: string): GraphemeIndex {
  /** What is known of each position between two code units: UNKNOWN, BOUNDARY or INSIDE a grapheme. */
  let settled: Uint8Array | undefined;

  const isBoundary = (at: number): boolean => {
    if (at <= 0 || at >= text.length || isPlainBoundary(text, at)) return true;
    settled ??= new Uint8Array(text.length + 1);
    if (settled[at] === UNKNOWN) settle(text, settled, at);
    return settled[at] === BOUNDARY;
  };

  return {
    startOf(index) {
      if (index <= 0) return 0;
      if (index >= text.length) return text.length;
      let at = index;
      while (!isBoundary(at)) at--;
      return at;
    },
    endOf(index) {
      if (index >= text.length) return text.length;
      let at = index + 1;
      while (!isBoundary(at)) at++;
      return at;
    },
  };
}

/**
 * Settles the position `at` and the others of its window: the window starts at the nearest true boundary
 * before `at` and runs to a plain boundary after it, or WINDOW code units past it if none comes first; then
 * its last grapheme may continue past it, so what follows that grapheme's start stays unknown. A grapheme
 * longer than the window (thousands of combining marks) is settled with windows that double until it ends.
 */
function settle(text: string, settled: Uint8Array, at: number): void {
  let from = at - 1;
  while (from > 0 && settled[from] !== BOUNDARY && !isPlainBoundary(text, from)) from--;
  let to = at + 1;
  while (to < text.length && to - at < WINDOW && !isPlainBoundary(text, to)) to++;
  for (;;) {
    const trusted = to >= text.length || isPlainBoundary(text, to);
    for (const { index, segment } of segmenter.segment(text.slice(from, to))) {
      const start = from + index;
      settled[start] = BOUNDARY;
      if (!trusted && start + segment.length >= to) {
        from = start;
        break;
      }
      settled.fill(INSIDE, start + 1, start + segment.length);
    }
    if (settled[at] !== UNKNOWN) return;
    to = Math.min(text.length, to + 2 * (to - from));
  }
}

/** Whether `index` is a boundary because both neighbours are characters no grapheme rule joins, CR LF aside. */
function isPlainBoundary(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  if (before === 13 && after === 10) return false;
  return isPlain(before) && isPlain(after);
}

/**
 * Characters that never join a neighbour into one grapheme: not Extend, ZWJ, SpacingMark, Prepend, a
 * regional indicator, a Hangul jamo or an emoji (precomposed Hangul syllables join only with jamo). An
 * exhaustive test checks every one of them against the segmenter.
 */
export function isPlain(code: number): boolean {
  if (code < 0x300) return true; // ASCII, Latin-1, Latin Extended A and B, IPA (combining marks start at U+0300)
  if (code < 0x3000) {
    return (
      (code >= 0x370 && code <= 0x482) || // Greek, Coptic, Cyrillic letters (combining 0483-0489)
      (code >= 0x48a && code <= 0x52f) ||
      (code >= 0x5d0 && code <= 0x5ea) || // Hebrew letters (points 0591-05C7 combine)
      (code >= 0x620 && code <= 0x64a) || // Arabic letters (harakat 064B-065F combine)
      (code >= 0x1e00 && code <= 0x1fff) || // Latin Extended Additional (Vietnamese), Greek Extended
      (code >= 0x2010 && code <= 0x2027) || // dashes, quotes, bullet, ellipsis
      (code >= 0x2030 && code <= 0x205e) ||
      (code >= 0x20a0 && code <= 0x20c0) // currency signs, € included
    );
  }
  return (
    (code >= 0x3000 && code <= 0x3029) || // ideographic space and punctuation (tone marks 302A-302F combine)
    (code >= 0x3041 && code <= 0x3096) || // hiragana (voicing marks 3099-309A combine)
    (code >= 0x30a1 && code <= 0x30fa) || // katakana
    (code >= 0x4e00 && code <= 0x9fff) || // CJK ideographs
    (code >= 0xac00 && code <= 0xd7a3) || // Hangul syllables
    (code >= 0xff01 && code <= 0xff5e) // fullwidth ASCII
  );
}

/** Splits `text` into its graphemes (for tests and short texts: iterating segments is slow on long ones). */
export function splitGraphemes(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) out.push(segment);
  return out;
}
