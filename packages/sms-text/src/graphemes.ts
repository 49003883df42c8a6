/**
 * Grapheme boundaries from the platform's `Intl.Segmenter` (Unicode extended grapheme clusters), shared by the
 * segment counter and the chunker so that neither ever cuts an emoji, a flag or a letter from its accent.
 *
 * Asking the segmenter is costly on long texts (V8 answers `containing()` in time that grows with the text,
 * and iterating all segments is quadratic), so a position between two characters that no Unicode rule can
 * join is answered directly, and only the rest goes to the segmenter.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Answers "where does the grapheme around this code unit start and end?" for one text. */
export interface GraphemeIndex {
  /** Start of the grapheme that contains code unit `index` (`index` itself when it is a boundary). */
  startOf(index: number): number;
  /** End (exclusive) of the grapheme that contains code unit `index`. */
  endOf(index: number): number;
}

export function indexGraphemes(text: string): GraphemeIndex {
  let segments: Intl.Segments | undefined;
  const containing = (index: number) => {
    segments ??= segmenter.segment(text);
    return segments.containing(index);
  };
  return {
    startOf(index) {
      if (index <= 0) return 0;
      if (index >= text.length) return text.length;
      if (isPlainBoundary(text, index)) return index;
      return containing(index)?.index ?? index;
    },
    endOf(index) {
      if (index >= text.length) return text.length;
      if (index + 1 >= text.length || isPlainBoundary(text, index + 1)) return index + 1;
      const found = containing(index);
      return found === undefined ? index + 1 : found.index + found.segment.length;
    },
  };
}

/**
 * Whether `index` is a boundary because both neighbours are characters that no grapheme rule joins (below
 * U+0300, where the combining marks begin; CJK ideographs; Arabic letters), other than CR LF.
 */
function isPlainBoundary(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  if (before === 13 && after === 10) return false;
  return isPlain(before) && isPlain(after);
}

function isPlain(code: number): boolean {
  return (
    code < 0x300 ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x620 && code <= 0x64a) ||
    (code >= 0x3001 && code <= 0x3029)
  );
}

/** Splits `text` into its graphemes (for tests and short texts: iterating segments is slow on long ones). */
export function splitGraphemes(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) out.push(segment);
  return out;
}
