import { type ChunkSmsOptions, type ResolvedChunkOptions, resolveChunkOptions } from './chunk-options.js';
import { countSegments } from './count-segments.js';
import { InvalidChunkOptionsError, InvalidSmsInputError } from './errors.js';
import { findCut, skipSpace, trimBack } from './find-cut.js';
import { type GraphemeIndex, indexGraphemes } from './graphemes.js';
import { createSegmentPacker } from './segment-packer.js';
import { gsm7FormLength, lookAlikesReplaced, smartEncode } from './to-gsm-safe.js';

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
  const wholeBody = body(whole, resolved);
  if (fitsAsSent(wholeBody, '', resolved)) return wholeBody === '' ? [] : [wholeBody];
  if (!resolved.numbering) return sent(split(text, start, end, '', resolved, graphemes), resolved);
  // The suffix width depends on the number of parts: reserve room for `(n/n)` and widen until it suffices.
  let reserved = 9;
  for (;;) {
    const parts = sent(split(text, start, end, ` (${reserved}/${reserved})`, resolved, graphemes), resolved);
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
  if (options.maxSegments !== undefined)
    longest = longestFitting(text, start, end - start, suffix, options, graphemes);
  else if (options.smartEncoding) longest = longestBySmartLength(text, start, end - start, room);
  const limit = start + longest;
  if (limit >= end) return end;
  const boundary = graphemes.startOf(limit);
  if (boundary > start) return boundary;
  // One grapheme wider than a whole part (never in real text): cut it, but never inside a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff && limit - 1 > start ? limit - 1 : limit;
}

/**
 * The longest slice from `start` (at most `longest` code units) whose message, suffix included, fits both
 * `maxChars` and `maxSegments`, measured as it will be sent (with Smart Encoding, the GSM-7 form of a slice
 * that has one): graphemes are added one by one to a packer, which answers for each longer slice in the time
 * of the suffix, so a part costs one pass over it. Longer slices only grow, but for a slice that turns to UCS-2
 * and so keeps its characters as written (`…` is one character, `...` three), so the first slice that does not
 * fit ends the search (a longer one that would fit again is given up, never one that does not fit taken).
 */
function longestFitting(
  text: string,
  start: number,
  longest: number,
  suffix: string,
  options: ResolvedChunkOptions,
  graphemes: GraphemeIndex,
): number {
  const maxSegments = options.maxSegments ?? Number.POSITIVE_INFINITY;
  const packer = createSegmentPacker();
  let asWritten = 0;
  let asGsm7 = 0;
  let fitting = 0;
  for (let at = start; at < start + longest; ) {
    const next = graphemes.endOf(at);
    if (next - start > longest) break;
    const gsm7Form = options.smartEncoding ? lookAlikesReplaced(text, at, next) : undefined;
    packer.add(text, at, next, gsm7Form);
    asWritten += next - at;
    asGsm7 += gsm7Form?.length ?? next - at;
    const length = packer.isGsm7() ? asGsm7 : asWritten;
    if (length + suffix.length > options.maxChars || packer.segmentsWith(suffix) > maxSegments) break;
    fitting = next - start;
    at = next;
  }
  if (fitting > 0) return fitting;
  // Not even the first grapheme fits: one longer than a whole part (thousands of combining marks) is cut.
  if (!fits(text.slice(start, start + 1), suffix, options)) {
    throw new InvalidChunkOptionsError(
      options.maxSegments === undefined ? 'maxChars' : 'maxSegments',
      `too small to hold one character and "${suffix}"`,
    );
  }
  let length = 1;
  while (length < longest && fits(text.slice(start, start + length + 1), suffix, options)) length++;
  return length;
}

/**
 * Without a segment limit, only the length sent counts: the longest slice whose Smart Encoding (while every
 * character so far has a GSM-7 form) or whose text as written (once one has none) fits `room`. One pass over
 * code units; the caller moves the end back to a grapheme boundary, and every shorter slice fits too.
 */
function longestBySmartLength(text: string, start: number, longest: number, room: number): number {
  let asWritten = 0;
  let asGsm7 = 0;
  let gsm7 = true;
  let at = start;
  for (; at < start + longest; at++) {
    if (gsm7) {
      const length = gsm7FormLength(text.charCodeAt(at));
      if (length < 0) gsm7 = false;
      else asGsm7 += length;
    }
    asWritten++;
    if ((gsm7 ? asGsm7 : asWritten) > room) break;
  }
  return Math.max(1, at - start);
}

/** What is sent for a part: with Smart Encoding, its GSM-7 form when it has one. */
function body(part: string, options: ResolvedChunkOptions): string {
  if (!options.smartEncoding) return part;
  const encoded = smartEncode(part);
  // Look-alikes at the edges may vanish (a zero-width space) or turn into spaces, which Twilio would bill.
  return encoded === part ? part : encoded.trim();
}

/** The parts as sent; a part of nothing but zero-width characters, which Smart Encoding removes, is dropped. */
function sent(parts: readonly string[], options: ResolvedChunkOptions): string[] {
  return parts.map((part) => body(part, options)).filter((part) => part !== '');
}

function fits(part: string, suffix: string, options: ResolvedChunkOptions): boolean {
  return fitsAsSent(body(part, options), suffix, options);
}

function fitsAsSent(sent: string, suffix: string, options: ResolvedChunkOptions): boolean {
  if (sent.length + suffix.length > options.maxChars) return false;
  if (options.maxSegments === undefined) return true;
  return countSegments(sent + suffix).segments <= options.maxSegments;
}
