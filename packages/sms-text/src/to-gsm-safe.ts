/**
 * Twilio's Smart Encoding replaces Unicode look-alikes by GSM-7 characters so a message is not billed as
 * UCS-2 (70 characters a segment instead of 160) for one curly quote. This does the same before sending, so the
 * segment count we compute is the one Twilio bills even when the sender is not a Messaging Service with Smart
 * Encoding on.
 */

/** Replacement, then every character it replaces. */
const LOOK_ALIKES: ReadonlyArray<readonly [string, string]> = [
  ['"', '\u00ab\u00bb\u201c\u201d\u201e\u201f\u02ba\u02ee\u275d\u275e\u301d\u301e\uff02'],
  ["'", '\u2018\u2019\u201b\u00b4`\u02b9\u02bb\u02bc\u02bd\u02c8\u02ca\u02cb\u275b\u275c\uff07'],
  ['-', '\u2010\u2013\u2014\u2015\u2022\u2043\ufe63\uff0d'],
  [' ', '\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000'],
  ['', '\u200b\u2060\ufeff'],
  ['...', '\u2026'],
  ['/', '\u2044\u2215\u29f8\u00f7'],
  ['<', '\u2039\uff1c'],
  ['>', '\u203a\uff1e'],
  [',', '\u201a\uff0c'],
  [':', '\uff1a'],
  [';', '\uff1b'],
  ['1/4', '\u00bc'],
  ['1/2', '\u00bd'],
  ['3/4', '\u00be'],
];

const REPLACEMENTS = new Map<string, string>();
for (const [replacement, chars] of LOOK_ALIKES) {
  for (const char of chars) if (!REPLACEMENTS.has(char)) REPLACEMENTS.set(char, replacement);
}
const PATTERN = new RegExp(`[${[...REPLACEMENTS.keys()].join('')}]`, 'g');

/** The characters {@link toGsmSafe} replaces, each with its GSM-7 replacement. */
export const GSM_LOOK_ALIKES: ReadonlyMap<string, string> = REPLACEMENTS;

/**
 * Replaces common look-alikes (curly quotes, en and em dashes, ellipsis, non-breaking and other odd spaces,
 * zero-width spaces) by their GSM-7 equivalents, as Twilio's Smart Encoding does. Other characters are kept,
 * so text with emoji or CJK stays UCS-2.
 */
export function toGsmSafe(text: string): string {
  return text.replace(PATTERN, (char) => REPLACEMENTS.get(char) ?? char);
}
