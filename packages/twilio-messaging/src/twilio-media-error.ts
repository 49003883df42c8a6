import { hasMarker, TwilioMessagingError } from './errors.js';

const MEDIA_ERROR = Symbol.for('sms-channel.twilio-messaging.media-error');
const MMS_LIMIT_ERROR = Symbol.for('sms-channel.twilio-messaging.mms-limit-error');

/** Why an inbound media could not be fetched (the `reason` of a `TwilioMediaError`). */
export type MediaFailureReason =
  /** The URL is not a Media URL of this account and message on the configured Twilio API origin. */
  | 'url-refused'
  /** A redirect went nowhere usable: too many hops, no `Location`, not http(s), or https downgraded to http. */
  | 'redirect-refused'
  /** More bytes than the size cap (counted on the bytes; `Content-Length` is never trusted). */
  | 'too-large'
  /** The bytes are not what the `Content-Type` says (an "image" that is HTML, a PNG served as JPEG). */
  | 'content-type-mismatch'
  /** An HTTP error answer (`status` tells which). */
  | 'http-status'
  /** No answer: refused, reset, DNS. */
  | 'network'
  /** The time limit passed. */
  | 'timeout'
  /** The caller's signal aborted (shutdown). */
  | 'aborted'
  /** The file could not be written. */
  | 'storage';

/**
 * Fetching an inbound media failed. `retryable` tells a queue what to do: `true` for what may work later (408,
 * 429, 5xx, no answer, the time limit, a shutdown, a disk error), `false` for what never will (a refused URL or
 * redirect, too large, a lying content type, other 4xx). Holds no credentials: `url` is the media URL as given.
 */
export class TwilioMediaError extends TwilioMessagingError {
  readonly [MEDIA_ERROR] = true;
  readonly reason: MediaFailureReason;
  readonly retryable: boolean;
  /** The media URL (Twilio's `MediaUrlN`); credentials are never in it. */
  readonly url: string;
  /** The HTTP status, for `http-status`. */
  readonly status: number | undefined;

  constructor(
    reason: MediaFailureReason,
    message: string,
    details: { url: string; retryable: boolean; status?: number; cause?: unknown },
  ) {
    super(`TWILIO_MEDIA_${reason.toUpperCase().replace(/-/g, '_')}`, message, { cause: details.cause });
    this.name = 'TwilioMediaError';
    this.reason = reason;
    this.retryable = details.retryable;
    this.url = details.url;
    this.status = details.status;
  }

  /** The fields worth a log line. */
  toLog(): Record<string, unknown> {
    return { reason: this.reason, retryable: this.retryable, status: this.status, url: this.url };
  }
}

/** Whether `value` is a `TwilioMediaError`, from any copy of this package. */
export function isTwilioMediaError(value: unknown): value is TwilioMediaError {
  return hasMarker(value, MEDIA_ERROR);
}

/** Which Twilio MMS rule an outbound message breaks. */
export type MmsLimitRule =
  | 'too-many-media'
  | 'unsupported-type'
  | 'media-too-large'
  | 'message-too-large'
  /** MMS goes to US and Canadian numbers only. */
  | 'unsupported-country';

/** An outbound MMS breaks one of Twilio's rules; nothing was sent. Final: sending it again cannot work. */
export class MmsLimitError extends TwilioMessagingError {
  readonly [MMS_LIMIT_ERROR] = true;
  readonly rule: MmsLimitRule;

  constructor(rule: MmsLimitRule, message: string) {
    super(`MMS_${rule.toUpperCase().replace(/-/g, '_')}`, `Cannot send this MMS: ${message}`);
    this.name = 'MmsLimitError';
    this.rule = rule;
  }
}

/** Whether `value` is an `MmsLimitError`, from any copy of this package. */
export function isMmsLimitError(value: unknown): value is MmsLimitError {
  return hasMarker(value, MMS_LIMIT_ERROR);
}
