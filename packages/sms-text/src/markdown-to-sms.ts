import { InvalidSmsInputError } from './errors.js';
import { mdastToSms } from './mdast-to-sms.js';
import { parseMarkdown } from './parse-markdown.js';
import { isPlainText } from './plain-text.js';
import { tidySmsText } from './tidy-sms-text.js';
import { toGsmSafe } from './to-gsm-safe.js';

/** Options of {@link markdownToSms}. */
export interface MarkdownToSmsOptions {
  /**
   * Replace look-alike characters (curly quotes, dashes, ellipsis, odd spaces) by GSM-7 ones with
   * {@link toGsmSafe}, so one stray character does not bill the whole reply as UCS-2.
   * @default false
   */
  gsmSafe?: boolean;
}

/**
 * Turns an assistant's markdown reply into plain text a person reads comfortably on a phone: markers removed,
 * link targets kept, lists and tables readable, reasoning blocks dropped. Never throws on a string.
 */
export function markdownToSms(markdown: string, options: MarkdownToSmsOptions = {}): string {
  if (typeof markdown !== 'string') throw new InvalidSmsInputError('markdown', markdown);
  const source = markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown;
  const text = isPlainText(source) ? source : render(source);
  // Look-alikes first: the odd spaces they turn into plain ones must still meet the tidying.
  return tidySmsText(options.gsmSafe === true ? toGsmSafe(text) : text);
}

function render(markdown: string): string {
  const { tree, source } = parseMarkdown(markdown);
  return mdastToSms(tree, source);
}
