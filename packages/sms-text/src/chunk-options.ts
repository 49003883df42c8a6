import { InvalidChunkOptionsError } from './errors.js';

/** Options of `chunkSms`. */
export interface ChunkSmsOptions {
  /**
   * Longest part, in UTF-16 code units, suffix included. Twilio refuses a `Body` over 1,600 characters.
   * @default 1500
   */
  maxChars?: number;
  /** Most segments one part may bill (counted with `countSegments`, suffix included); no limit when unset. */
  maxSegments?: number;
  /**
   * Append ` (i/n)` to each part when the text needs more than one, since separate messages may arrive out of
   * order.
   * @default true
   */
  numbering?: boolean;
  /**
   * Twilio's Smart Encoding, applied to each part before it is measured: a part whose curly quotes, dashes,
   * ellipses, odd spaces... are all that keeps it from GSM-7 is sent with their GSM-7 replacements (160
   * characters a segment instead of 70); a part that needs UCS-2 anyway (an emoji, CJK) keeps them as written.
   * @default false (`formatSmsReply` turns it on by default)
   */
  smartEncoding?: boolean;
}

/** Twilio: "The text of the message you want to send. Can be up to 1,600 characters in length." */
export const TWILIO_MAX_BODY_CHARS = 1600;
export const DEFAULT_MAX_CHARS = 1500;

export interface ResolvedChunkOptions {
  maxChars: number;
  maxSegments: number | undefined;
  numbering: boolean;
  smartEncoding: boolean;
}

/** Checks options from an untrusted caller; a mistake here is a bug, so it throws. */
export function resolveChunkOptions(options: ChunkSmsOptions): ResolvedChunkOptions {
  const { maxChars = DEFAULT_MAX_CHARS, maxSegments, numbering = true, smartEncoding = false } = options;
  if (!Number.isInteger(maxChars) || maxChars < 1 || maxChars > TWILIO_MAX_BODY_CHARS) {
    throw new InvalidChunkOptionsError(
      'maxChars',
      `must be an integer from 1 to ${TWILIO_MAX_BODY_CHARS}, received ${String(maxChars)}`,
    );
  }
  if (maxSegments !== undefined && (!Number.isInteger(maxSegments) || maxSegments < 1)) {
    throw new InvalidChunkOptionsError(
      'maxSegments',
      `must be a positive integer, received ${String(maxSegments)}`,
    );
  }
  if (typeof numbering !== 'boolean') {
    throw new InvalidChunkOptionsError('numbering', `must be a boolean, received ${typeof numbering}`);
  }
  if (typeof smartEncoding !== 'boolean') {
    throw new InvalidChunkOptionsError(
      'smartEncoding',
      `must be a boolean, received ${typeof smartEncoding}`,
    );
  }
  return { maxChars, maxSegments, numbering, smartEncoding };
}
