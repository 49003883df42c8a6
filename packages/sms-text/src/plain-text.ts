/**
 * The fast path's gate: recognises text in which markdown can find no syntax, so the parser can be skipped.
 *
 * It must never say "plain" for text that markdown would change, so it errs the other way: any character that
 * starts inline syntax anywhere, and any line that could open a block (indentation, `#`, `>`, a bullet, an
 * ordered-list number, a setext underline), sends the text to the parser. Hand-written because no library
 * answers "would markdown change this?" without parsing, which is the cost being avoided.
 */
export function isPlainText(text: string): boolean {
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      const next = blockStartEnd(text, i);
      if (next < 0) return false;
      i = next;
      if (i >= text.length) break;
      if (text.charCodeAt(i) === NEWLINE) {
        lineStart = true;
        continue;
      }
    }
    switch (code) {
      case NEWLINE:
        lineStart = true;
        break;
      case UNDERSCORE:
        if (!(isAsciiAlnum(text.charCodeAt(i - 1)) && isAsciiAlnum(text.charCodeAt(i + 1)))) return false;
        break;
      case AMPERSAND:
        if (ENTITY_AHEAD.test(text.slice(i, i + 40))) return false;
        break;
      default:
        if (code < INLINE_SYNTAX.length && INLINE_SYNTAX[code] === 1) return false;
    }
  }
  return true;
}

const NEWLINE = 10;
const UNDERSCORE = 95;
const AMPERSAND = 38;
const ENTITY_AHEAD = /^&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;

/** Characters that can start inline syntax wherever they stand: `` ` * ~ [ ] < \ | `` and NUL. */
const INLINE_SYNTAX = (() => {
  const table = new Uint8Array(128);
  for (const char of '`*~[]<\\|\0\r') table[char.charCodeAt(0)] = 1;
  return table;
})();

/** Characters that can open a block at the start of a line. */
const BLOCK_START = new Set([...'#>-+*=_`~:'].map((char) => char.charCodeAt(0)));

/**
 * Checks the start of the line at `i`. Returns the index from which the line may be scanned as inline text, or
 * -1 when the line could open a block. A line of only spaces and tabs is a blank line, which is fine.
 */
function blockStartEnd(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code === 32 || code === 9) {
    let j = i;
    while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
    return j >= text.length || text.charCodeAt(j) === NEWLINE ? j : -1;
  }
  if (BLOCK_START.has(code)) return -1;
  if (code >= 48 && code <= 57) {
    let j = i;
    while (j < text.length && j - i < 10 && isDigit(text.charCodeAt(j))) j++;
    const after = text.charCodeAt(j);
    if (after === 46 || after === 41) return -1;
  }
  return i;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAsciiAlnum(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
