/**
 * The last step of every conversion, fast path or not: trailing whitespace removed from each line (Twilio bills
 * it), runs of blank lines collapsed to one, the whole trimmed. "Whitespace" includes the odd spaces and the
 * zero-width spaces that Smart Encoding would otherwise turn into billed spaces at a line end. One pass, with no
 * regular expression that could backtrack over a long run of spaces.
 */
export function tidySmsText(text: string): string {
  const lines = text.split('\n');
  let out = '';
  let blankLines = 0;
  for (const line of lines) {
    let end = line.length;
    while (end > 0 && isTrailingJunk(line.charCodeAt(end - 1))) end--;
    if (end === 0) {
      blankLines++;
      continue;
    }
    if (out !== '') out += blankLines > 0 ? '\n\n' : '\n';
    out += line.slice(0, end);
    blankLines = 0;
  }
  return out.trimStart();
}

/** JavaScript's `\s` but the line feed, and the zero-width space and word joiner. */
function isTrailingJunk(code: number): boolean {
  return code !== 10 && (code === 0x200b || code === 0x2060 || WHITESPACE.test(String.fromCharCode(code)));
}

const WHITESPACE = /\s/;
