import { indexGraphemes } from './graphemes.js';
import { gsm7Septets } from './gsm7-alphabet.js';

/** How a message is encoded on the air: GSM-7 when every character allows it, UCS-2 otherwise. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** What Twilio bills for one message body. */
export interface SegmentCount {
  /** `GSM-7` when every character is in the GSM-7 basic or extension table, else `UCS-2`. */
  encoding: SmsEncoding;
  /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2) of the whole text. */
  units: number;
  /** Segments billed; 0 for the empty text, which Twilio refuses to send. */
  segments: number;
  /** Capacity of one segment for this message: 160 or 153 (GSM-7), 70 or 67 (UCS-2) once split. */
  perSegment: number;
}

/**
 * Segment sizes. Twilio: a single GSM-7 segment holds 160 characters, a UCS-2 one 70; a concatenated message
 * loses 6 bytes per segment to the user data header, leaving 153 septets or 67 UTF-16 code units.
 */
const GSM7_SINGLE = 160;
const GSM7_MULTI = 153;
const UCS2_SINGLE = 70;
const UCS2_MULTI = 67;

/**
 * Counts the segments Twilio bills for `text`, the way Twilio's segment calculator does: a GSM-7 extension
 * character's two septets never straddle two segments, and in UCS-2 neither does a grapheme (an emoji, a flag,
 * a letter with its combining accent), so a part ends early rather than cut one.
 */
export function countSegments(text: string): SegmentCount {
  let septets = 0;
  for (let i = 0; i < text.length; i++) {
    const size = gsm7Septets(text.charCodeAt(i));
    if (size === 0) return countUcs2(text);
    septets += size;
  }
  if (septets <= GSM7_SINGLE) {
    return { encoding: 'GSM-7', units: septets, segments: septets === 0 ? 0 : 1, perSegment: GSM7_SINGLE };
  }
  return { encoding: 'GSM-7', units: septets, segments: packGsm7(text), perSegment: GSM7_MULTI };
}

function packGsm7(text: string): number {
  let segments = 1;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const size = gsm7Septets(text.charCodeAt(i));
    if (used + size > GSM7_MULTI) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return segments;
}

function countUcs2(text: string): SegmentCount {
  const units = text.length;
  if (units <= UCS2_SINGLE) return { encoding: 'UCS-2', units, segments: 1, perSegment: UCS2_SINGLE };
  return { encoding: 'UCS-2', units, segments: packUcs2(text), perSegment: UCS2_MULTI };
}

/** Greedy packing into 67-unit segments, each ending on a grapheme boundary (as the calculator's does). */
function packUcs2(text: string): number {
  const graphemes = indexGraphemes(text);
  let segments = 0;
  let start = 0;
  while (start < text.length) {
    segments++;
    start = ucs2SegmentEnd(text, start, graphemes);
  }
  return segments;
}

function ucs2SegmentEnd(text: string, start: number, graphemes: ReturnType<typeof indexGraphemes>): number {
  const limit = start + UCS2_MULTI;
  if (limit >= text.length) return text.length;
  // Twilio's calculator treats CR LF as two characters, so it may be split across segments.
  if (text.charCodeAt(limit - 1) === 13 && text.charCodeAt(limit) === 10) return limit;
  const boundary = graphemes.startOf(limit);
  // A single grapheme longer than a segment fills a segment of its own.
  return boundary > start ? boundary : graphemes.endOf(start);
}
