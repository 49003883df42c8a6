import { type ChunkSmsOptions, type ResolvedChunkOptions, resolveChunkOptions } from './chunk-options.js';
import { countSegments } from './count-segments.js';
import { InvalidChunkOptionsError, InvalidSmsInputError } from './errors.js';
import { findCut, skipSpace, trimBack } from './find-cut.js';
import { type GraphemeIndex, indexGraphemes } from './graphemes.js';

/**
 * Cuts `text` into parts that each fit one Twilio message: at most `maxChars` (and `maxSegments`, when given),
 * the ` (i/n)` suffix included. Parts end at the best boundary available (paragraph, line, sentence, word) and
 * never inside a grapheme; the whitespace at a cut, and around the whole text, is dropped since Twilio would
 * bill it. Joining the parts with that whitespace gives back the trimmed text.
 */
export function chunkSms(text: string, options: ChunkSmsOptions = {}): string[] {
  if (typeof text !== 'string') throw new InvalidSmsInputError('text', text);
  const resolved = resolveChunkOptions(options);
  const graphemes = indexGraphemes(text);
  const start = skipSpace(text, 0, graphemes);
  const end = trimBack(text, text.length, start, graphemes);
  if (start >= end) return [];
  const whole = text.slice(start, end);
  if (fits(whole, '', resolved)) return [whole];
  if (!resolved.numbering) return split(text, start, end, '', resolved, graphemes);
  // The suffix width depends on the number of parts: reserve room for `(n/n)` and widen until it suffices.
  let reserved = 9;
  for (;;) {
    const parts = split(text, start, end, ` (${reserved}/${reserved})`, resolved, graphemes);
    if (String(parts.length).length <= String(reserved).length) {
      return parts.map((part, index) => `${part} (${index + 1}/${parts.length})`);
    }
    reserved = parts.length;
  }
}

function split(
  text: string,
  from: number,
  end: number,
  suffix: string,
  options: ResolvedChunkOptions,
  graphemes: GraphemeIndex,
): string[] {
  const parts: string[] = [];
  let start = from;
  while (start < end) {
    let limit = windowEnd(text, start, end, suffix, options, graphemes);
    for (;;) {
      const cut = limit >= end ? { partEnd: end, nextStart: end } : findCut(text, start, limit, graphemes);
      const part = text.slice(start, cut.partEnd);
      // Segment counts are not strictly monotonic in the text, so a chosen part is checked once more.
      if (fits(part, suffix, options) || cut.partEnd - start <= 1) {
        parts.push(part);
        start = cut.nextStart;
        break;
      }
      const shorter = graphemes.startOf(cut.partEnd - 1);
      limit = shorter > start ? shorter : cut.partEnd - 1;
    }
  }
  return parts;
}

/** The furthest grapheme boundary up to which a part starting at `start` still fits. */
function windowEnd(
  text: string,
  start: number,
  end: number,
  suffix: string,
  options: ResolvedChunkOptions,
  graphemes: GraphemeIndex,
): number {
  const room = options.maxChars - suffix.length;
  if (room < 1) throw new InvalidChunkOptionsError('maxChars', `too small to hold a part and "${suffix}"`);
  let longest = Math.min(room, end - start);
  if (options.maxSegments !== undefined) longest = longestBySegments(text, start, longest, suffix, options);
  const limit = start + longest;
  if (limit >= end) return end;
  const boundary = graphemes.startOf(limit);
  if (boundary > start) return boundary;
  // One grapheme wider than a whole part (never in real text): cut it, but never inside a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff && limit - 1 > start ? limit - 1 : limit;
}

/** Binary search for the longest slice from `start` whose segment count, suffix included, is allowed. */
function longestBySegments(
  text: string,
  start: number,
  longest: number,
  suffix: string,
  options: ResolvedChunkOptions,
): number {
  if (fits(text.slice(start, start + longest), suffix, options)) return longest;
  let low = 1;
  let high = longest - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(text.slice(start, start + middle), suffix, options)) low = middle;
    else high = middle - 1;
  }
  if (!fits(text.slice(start, start + low), suffix, options)) {
    throw new InvalidChunkOptionsError('maxSegments', `too small to hold one character and "${suffix}"`);
  }
  return low;
}

function fits(part: string, suffix: string, options: ResolvedChunkOptions): boolean {
  if (part.length + suffix.length > options.maxChars) return false;
  if (options.maxSegments === undefined) return true;
  return countSegments(part + suffix).segments <= options.maxSegments;
}
