/**
 * @module @sms-channel/sms-text
 * Turns an assistant's markdown reply into SMS plain text, counts the segments Twilio bills for it (GSM-7 or
 * UCS-2), and cuts it into parts that each fit one Twilio message.
 */
export { type ChunkSmsOptions, DEFAULT_MAX_CHARS, TWILIO_MAX_BODY_CHARS } from './chunk-options.js';
export { chunkSms } from './chunk-sms.js';
export { countSegments, type SegmentCount, type SmsEncoding } from './count-segments.js';
export {
  InvalidChunkOptionsError,
  InvalidSmsInputError,
  isSmsTextError,
  SmsTextError,
  type SmsTextErrorCode,
} from './errors.js';
export { type FormatSmsReplyOptions, formatSmsReply } from './format-sms-reply.js';
export { type MarkdownToSmsOptions, markdownToSms } from './markdown-to-sms.js';
export { GSM_LOOK_ALIKES, smartEncode, toGsmSafe } from './to-gsm-safe.js';
