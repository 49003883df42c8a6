/**
 * Grapheme boundaries from the platform's `Intl.Segmenter` (Unicode extended grapheme clusters), shared by the
 * segment counter and the chunker so that neither ever cuts an emoji, a flag or a letter from its accent.
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
  const segments = segmenter.segment(text);
  return {
    startOf(index) {
      if (index <= 0) return 0;
      if (index >= text.length) return text.length;
      return segments.containing(index)?.index ?? index;
    },
    endOf(index) {
      if (index >= text.length) return text.length;
      const found = segments.containing(index);
      return found === undefined ? index + 1 : found.index + found.segment.length;
    },
  };
}

/** Splits `text` into its graphemes. */
export function splitGraphemes(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) out.push(segment);
  return out;
}
