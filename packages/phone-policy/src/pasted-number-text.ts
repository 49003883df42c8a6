import { parseDigits } from 'libphonenumber-js/max';

/**
 * What a number copied from a contact card or a web page carries besides the number (issue 14): invisible
 * formatting characters that browsers and phone apps insert around and inside numbers, and digits of other
 * scripts. Both are removed or folded here, before the gate that refuses letters and other junk, so a pasted
 * number normalises to what its clean form gives while `+1-555-ABC-1234` stays an error.
 */

// Zero-width space, non-joiner and joiner, left-to-right and right-to-left marks (U+200B-U+200F); the bidi
// embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069) that wrap numbers shown in
// right-to-left text; the byte order mark / zero-width no-break space (U+FEFF); the soft hyphen (U+00AD).
const INVISIBLE_FORMATTING = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/g;
const DECIMAL_DIGIT = /\p{Nd}/gu;

/**
 * `text` with invisible formatting characters removed, compatibility forms folded (NFKC: full-width digits,
 * `+` and parentheses, no-break spaces) and the decimal digits libphonenumber reads (Arabic-Indic, Extended
 * Arabic-Indic, full-width) written in ASCII. Digits of other scripts are left as they are, so the number
 * gate refuses them.
 */
export function cleanPastedNumberText(text: string): string {
  return text
    .replace(INVISIBLE_FORMATTING, '')
    .normalize('NFKC')
    .replace(DECIMAL_DIGIT, (digit) => parseDigits(digit) || digit);
}
