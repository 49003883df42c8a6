/**
 * @module @sms-channel/sms-text
 * Turns an assistant's markdown reply into SMS plain text, counts the segments Twilio bills for it (GSM-7 or
 * UCS-2), and cuts it into parts that each fit one Twilio message.
 */
export { countSegments, type SegmentCount, type SmsEncoding } from './count-segments.js';
export {
  InvalidChunkOptionsError,
  InvalidSmsInputError,
  SmsTextError,
  type SmsTextErrorCode,
} from './errors.js';
