import type { ChunkSmsOptions } from './chunk-options.js';
import { chunkSms } from './chunk-sms.js';
import { type MarkdownToSmsOptions, markdownToSms } from './markdown-to-sms.js';

/** Options of {@link formatSmsReply}: those of `markdownToSms` and `chunkSms` together. */
export interface FormatSmsReplyOptions extends MarkdownToSmsOptions, ChunkSmsOptions {}

/** An assistant's markdown reply as the SMS parts to send: `markdownToSms`, then `chunkSms`. */
export function formatSmsReply(markdown: string, options: FormatSmsReplyOptions = {}): string[] {
  return chunkSms(markdownToSms(markdown, options), options);
}
