import { gsm7Septets } from './gsm7-alphabet.js';

/**
 * `countSegments`, grown one grapheme at a time: the chunker asks "how many segments would this part take,
 * suffix included?" for every longer candidate part, and recounting each candidate from its start made
 * cutting a long text cost the square of a part's length. The packer keeps both counts at once, GSM-7 (while
 * every character so far has a GSM-7 form) and UCS-2, packed the way `countSegments` packs them, so each
 * question costs the suffix's length. A property test holds it to `countSegments` at every boundary.
 */
export interface SegmentPacker {
  /**
   * Appends `text[from, to)`, which must be whole graphemes; `gsm7Form`, when given, is what they become if the
   * message ends up GSM-7 (their Smart Encoding), while UCS-2 counts them as written.
   */
  add(text: string, from: number, to: number, gsm7Form?: string): void;
  /** Whether everything added so far has a GSM-7 form. */
  isGsm7(): boolean;
  /** Segments billed for what was added followed by `suffix` (ASCII, as a part number is). */
  segmentsWith(suffix: string): number;
}

const GSM7_SINGLE = 160;
const GSM7_MULTI = 153;
const UCS2_SINGLE = 70;
const UCS2_MULTI = 67;

interface PackState {
  gsm7: boolean;
  septets: number;
  /** Greedy 153-septet packing: segments closed and septets in the open one. */
  gsm7Closed: number;
  gsm7Used: number;
  units: number;
  /** Greedy 67-unit packing by whole graphemes: segments closed and units in the open one. */
  ucs2Closed: number;
  ucs2Used: number;
}

export function createSegmentPacker(): SegmentPacker {
  const state = emptyState();
  // Reused for every question, so asking allocates nothing.
  const scratch = emptyState();
  return {
    add(text, from, to, gsm7Form) {
      addGrapheme(state, text, from, to, gsm7Form);
    },
    isGsm7() {
      return state.gsm7;
    },
    segmentsWith(suffix) {
      if (suffix === '') return total(state);
      scratch.gsm7 = state.gsm7;
      scratch.septets = state.septets;
      scratch.gsm7Closed = state.gsm7Closed;
      scratch.gsm7Used = state.gsm7Used;
      scratch.units = state.units;
      scratch.ucs2Closed = state.ucs2Closed;
      scratch.ucs2Used = state.ucs2Used;
      for (let i = 0; i < suffix.length; i++) addGrapheme(scratch, suffix, i, i + 1, suffix[i]);
      return total(scratch);
    },
  };
}

function emptyState(): PackState {
  return { gsm7: true, septets: 0, gsm7Closed: 0, gsm7Used: 0, units: 0, ucs2Closed: 0, ucs2Used: 0 };
}

function addGrapheme(state: PackState, text: string, from: number, to: number, gsm7Form?: string): void {
  const length = to - from;
  if (state.gsm7) {
    const form = gsm7Form ?? text.slice(from, to);
    for (let i = 0; i < form.length; i++) {
      const size = gsm7Septets(form.charCodeAt(i));
      if (size === 0) {
        state.gsm7 = false;
        break;
      }
      state.septets += size;
      // An extension character's two septets never straddle two segments.
      if (state.gsm7Used + size > GSM7_MULTI) {
        state.gsm7Closed++;
        state.gsm7Used = 0;
      }
      state.gsm7Used += size;
    }
  }
  state.units += length;
  // Twilio's calculator treats CR LF as two characters, so a segment may end between them.
  const crlf = length === 2 && text.charCodeAt(from) === 13 && text.charCodeAt(from + 1) === 10;
  if (state.ucs2Used + length <= UCS2_MULTI) state.ucs2Used += length;
  else if (crlf && state.ucs2Used + 1 === UCS2_MULTI) {
    state.ucs2Closed++;
    state.ucs2Used = 1;
  } else if (state.ucs2Used === 0) {
    // A grapheme longer than a segment fills a segment of its own.
    state.ucs2Closed++;
  } else {
    state.ucs2Closed++;
    if (length <= UCS2_MULTI) state.ucs2Used = length;
    else {
      state.ucs2Closed++;
      state.ucs2Used = 0;
    }
  }
}

function total(state: PackState): number {
  if (state.gsm7) {
    if (state.septets <= GSM7_SINGLE) return state.septets === 0 ? 0 : 1;
    return state.gsm7Closed + (state.gsm7Used > 0 ? 1 : 0);
  }
  if (state.units <= UCS2_SINGLE) return 1;
  return state.ucs2Closed + (state.ucs2Used > 0 ? 1 : 0);
}
