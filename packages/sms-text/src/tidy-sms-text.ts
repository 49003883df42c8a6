/**
 * The last step of every conversion, fast path or not: trailing spaces removed from each line (Twilio bills
 * them), runs of blank lines collapsed to one, the whole trimmed.
 */
export function tidySmsText(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
