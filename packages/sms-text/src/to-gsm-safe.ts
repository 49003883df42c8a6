import { gsm7Septets } from './gsm7-alphabet.js';

/**
 * Twilio's Smart Encoding: the characters a Twilio Messaging Service with Smart Encoding on replaces by GSM-7
 * ones, so that one curly quote does not bill a whole message as UCS-2 (70 characters a segment instead of 160).
 *
 * The list is Twilio's (https://www.twilio.com/docs/messaging/services/smart-encoding-char-list), as Twilio's
 * own segment calculator (`sms-segments-calculator`, the test oracle) carries it, with two deliberate
 * differences: a space-like character (no-break, em, thin, ideographic... spaces) becomes one space, not two,
 * since one is what a reader sees and costs less; and a tab becomes four spaces, not seven, enough to keep the
 * indentation of code readable.
 */

/** Replacement, then every code point (as hex) it replaces. */
const REPLACED_BY: ReadonlyArray<readonly [string, string]> = [
  ['"', '00ab 00bb 201c 201d 02ba 02ee 201f 201e 275d 275e 301d 301e ff02'],
  ["'", '2018 2019 02bb 02c8 02bc 02bd 02b9 201b ff07 00b4 02ca 0060 02cb 275b 275c 0313 0314 fe10 fe11'],
  ['-', '2010 2013 2014 2015 2022 2043 23bc 23bd fe63 ff0d'],
  ['...', '2026'],
  [' ', '00a0 2000 2001 2002 2003 2004 2005 2006 2007 2008 2009 200a 202f 205f 3000 2028 2029'],
  [' ', '0080 008d 0090 009b 009f'],
  ['    ', '0009'],
  ['', '0000 0003 0004 0010 0011 0012 0013 0014 0017 0019 200b 200c 2060 feff'],
  ['/', '00f7 0337 0338 2044 2215 29f8 ff0f'],
  ['\\', '20e5 29f5 29f9 fe68 ff3c'],
  ['1/4', '00bc'],
  ['1/2', '00bd'],
  ['3/4', '00be'],
  ['_', '0332 2017 ff3f'],
  ['|', '20d2 20d3 2223 239c 239f 23b8 23b9 23d0 ff5c'],
  ['@', 'fe6b ff20'],
  ['$', 'fe69 ff04'],
  ['!', '01c3 fe15 fe57 ff01'],
  ['!!', '203c'],
  ['#', 'fe5f ff03'],
  ['%', 'fe6a ff05'],
  ['&', 'fe60 ff06'],
  [',', '0326 201a 3001 fe50 fe51 ff0c ff64'],
  ['.', '3002 fe52 ff0e ff61'],
  ['(', '2768 276a 27ee 2985 fe59 ff08'],
  [')', '2769 276b 27ef 2986 fe5a ff09'],
  [
    '*',
    '204e 2217 229b 2722 2723 2724 2725 2731 2732 2733 273a 273b 273c 273d 2743 2749 274a 274b 29c6 fe61 ff0a',
  ],
  ['+', '02d6 fe62 ff0b'],
  [':', '02d0 02f8 2982 a789 fe13 ff1a'],
  [';', '204f fe14 fe54 ff1b'],
  ['<', '2039 fe64 ff1c'],
  ['=', '0347 a78a fe66 ff1d'],
  ['>', '203a fe65 ff1e'],
  ['?', 'fe16 fe56 ff1f'],
  ['^', '02c6 0302 1dcd ff3e'],
  ['{', '2774 fe5b ff5b'],
  ['}', '2775 fe5c ff5d'],
  ['[', 'ff3b'],
  [']', 'ff3d'],
  ['~', '02dc 02f7 0303 0330 0334 223c ff5e'],
  // Fullwidth digits and letters, and the small capitals that read as capitals.
  ...[...'0123456789'].map((digit, i) => [digit, (0xff10 + i).toString(16)] as const),
  ...[...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, i) => [letter, (0xff21 + i).toString(16)] as const),
  ['A', '1d00'],
  ['B', '0299'],
  ['C', '1d04'],
  ['D', '1d05'],
  ['E', '1d07'],
  ['F', 'a730'],
  ['G', '0262'],
  ['H', '029c'],
  ['I', '026a'],
  ['J', '1d0a'],
  ['K', '1d0b'],
  ['L', '029f'],
  ['M', '1d0d'],
  ['N', '0274'],
  ['O', '1d0f'],
  ['P', '1d18'],
  ['R', '0280'],
  ['S', 'a731'],
  ['T', '1d1b'],
  ['U', '1d1c'],
  ['V', '1d20'],
  ['W', '1d21'],
  ['Y', '028f'],
  ['Z', '1d22'],
];

const REPLACEMENTS = new Map<string, string>();
for (const [replacement, codes] of REPLACED_BY) {
  for (const code of codes.split(' '))
    REPLACEMENTS.set(String.fromCharCode(Number.parseInt(code, 16)), replacement);
}
const PATTERN = new RegExp(
  `[${[...REPLACEMENTS.keys()].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`,
  'g',
);

/** The characters {@link toGsmSafe} replaces, each with its GSM-7 replacement (Twilio's Smart Encoding list). */
export const GSM_LOOK_ALIKES: ReadonlyMap<string, string> = REPLACEMENTS;

/**
 * Replaces every character of Twilio's Smart Encoding list (curly quotes, dashes, ellipsis, odd spaces,
 * fullwidth forms...) by its GSM-7 replacement. Other characters are kept, so text with emoji or CJK stays
 * UCS-2 (see {@link smartEncode} for the rule that keeps such text as written).
 */
export function toGsmSafe(text: string): string {
  return text.replace(PATTERN, (char) => REPLACEMENTS.get(char) ?? char);
}

/**
 * Smart Encoding of one message: `text` with its look-alikes replaced when that makes all of it GSM-7, else
 * `text` as written. A message that needs UCS-2 anyway (an emoji, a CJK character) gains nothing from
 * replacements (UCS-2 bills code units, and `…` is one where `...` is three), so it keeps the author's
 * characters.
 */
export function smartEncode(text: string): string {
  // One look at each code unit decides: one with no GSM-7 form keeps the text as written, and without a
  // look-alike there is nothing to replace.
  let lookAlike = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const length = GSM7_FORM_LENGTH[code] as number;
    if (length < 0) return text;
    if (length !== 1 || gsm7Septets(code) === 0) lookAlike = true;
  }
  return lookAlike ? (lookAlikesReplaced(text, 0, text.length) ?? text) : text;
}

/**
 * Per UTF-16 code unit, the length of its GSM-7 form under Smart Encoding: 1 for a GSM-7 character, the
 * replacement's length for a look-alike (0 for one that is dropped), -1 for a code unit with no GSM-7 form.
 */
const GSM7_FORM_LENGTH = (() => {
  const table = new Int8Array(0x10000).fill(-1);
  for (let code = 0; code < 0x10000; code++) if (gsm7Septets(code) > 0) table[code] = 1;
  for (const [char, replacement] of REPLACEMENTS) table[char.charCodeAt(0)] = replacement.length;
  return table;
})();

/** Length of the Smart Encoding of one UTF-16 code unit, or -1 when it has no GSM-7 form. */
export function gsm7FormLength(codeUnit: number): number {
  return GSM7_FORM_LENGTH[codeUnit] ?? -1;
}

/** The Smart Encoding of `text[from, to)`, or `undefined` when it holds no look-alike (so is its own form). */
export function lookAlikesReplaced(text: string, from: number, to: number): string | undefined {
  let out: string | undefined;
  for (let i = from; i < to; i++) {
    const char = text[i] as string;
    const replacement = REPLACEMENTS.get(char);
    if (replacement !== undefined) out = (out ?? text.slice(from, i)) + replacement;
    else if (out !== undefined) out += char;
  }
  return out;
}
