import type { ChunkSmsOptions } from './chunk-options.js';
import { chunkSms } from './chunk-sms.js';
import { type MarkdownToSmsOptions, markdownToSms } from './markdown-to-sms.js';

/** Options of {@link formatSmsReply}: those of `markdownToSms` and `chunkSms` together. */
export interface FormatSmsReplyOptions extends MarkdownToSmsOptions, ChunkSmsOptions {
  /**
   * Twilio's Smart Encoding on each part (see `ChunkSmsOptions.smartEncoding`), as a Messaging Service with
   * Smart Encoding on would do, but known before sending, so parts are cut and counted as they will be billed.
   * @default true
   */
  smartEncoding?: boolean;
}

/**
 * An assistant's markdown reply as the SMS parts to send: `markdownToSms`, then `chunkSms` with Smart
 * Encoding on unless turned off.
 */
export function formatSmsReply(markdown: string, options: FormatSmsReplyOptions = {}): string[] {
  return chunkSms(markdownToSms(markdown, options), {
    ...options,
    smartEncoding: options.smartEncoding ?? true,
  });
}
