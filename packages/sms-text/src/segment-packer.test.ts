import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSegments } from './count-segments.js';
import { indexGraphemes } from './graphemes.js';
import { createSegmentPacker } from './segment-packer.js';

describe('createSegmentPacker', () => {
  it('counts, after every grapheme, what countSegments counts for the text so far and a suffix', () => {
    const unit = fc.oneof(
      { arbitrary: fc.constantFrom('a', ' ', '€', '^', '\n', '\r\n', 'é', 'ç'), weight: 8 },
      {
        arbitrary: fc.constantFrom('中', '😀', '👨‍👩‍👧', '🇫🇷', 'e\u0301', `x${'\u0301'.repeat(80)}`),
        weight: 2,
      },
    );
    const text = fc.string({ unit, minLength: 1, maxLength: 400 });
    fc.assert(
      fc.property(text, fc.constantFrom('', ' (1/2)', ' (10/12)', ' (100/100)'), (value, suffix) => {
        const graphemes = indexGraphemes(value);
        const packer = createSegmentPacker();
        for (let at = 0; at < value.length; ) {
          const next = graphemes.endOf(at);
          packer.add(value, at, next);
          const expected = countSegments(value.slice(0, next) + suffix).segments;
          expect(packer.segmentsWith(suffix), JSON.stringify(value.slice(0, next) + suffix)).toBe(expected);
          at = next;
        }
      }),
      { numRuns: 300 },
    );
  });
});
