import { hasMarker, TwilioMessagingError } from './errors.js';
import { explainTwilioCode, isRetryableTwilioFailure } from './twilio-error-codes.js';

/** What a Twilio API failure carries. */
export interface TwilioFailure {
  /** HTTP status; `0` when no answer came back (connection refused, reset, timeout). */
  status: number;
  /** Twilio's error code (`21211`...), when its answer had one. */
  twilioCode?: number | undefined;
  /** Twilio's own message. */
  twilioMessage?: string | undefined;
  /** Twilio's documentation link for the code. */
  moreInfo?: string | undefined;
  /** From a `Retry-After` header, in milliseconds. */
  retryAfterMs?: number | undefined;
  /** The HTTP method and path (no host, no credentials), e.g. `POST /2010-04-01/Accounts/AC.../Messages.json`. */
  request?: string | undefined;
  /** The network error code (`ECONNREFUSED`, `ETIMEDOUT`...) when there was no answer. */
  networkCode?: string | undefined;
}

function describe(failure: TwilioFailure): string {
  const explanation = explainTwilioCode(failure.twilioCode);
  if (failure.status === 0) {
    const network = failure.networkCode === undefined ? '' : ` (${failure.networkCode})`;
    return `No answer from the Twilio API${network}${failure.twilioMessage ? `: ${failure.twilioMessage}` : ''}`;
  }
  const code = failure.twilioCode === undefined ? '' : `, code ${failure.twilioCode}`;
  const parts = [`Twilio refused the request (HTTP ${failure.status}${code})`];
  if (failure.twilioMessage) parts[0] += `: ${failure.twilioMessage}`;
  if (explanation !== undefined) parts.push(explanation);
  if (failure.moreInfo) parts.push(`See ${failure.moreInfo}`);
  return parts.join('. ').replace(/\.\./g, '.');
}

/**
 * A Twilio REST call failed: an error answer (`status`, Twilio's `twilioCode`, `moreInfo`, a human
 * `explanation`) or no answer at all (`status` 0). `retryable` says whether the same request may succeed
 * later (429, 5xx, no answer); `retryAfterMs` is Twilio's `Retry-After`. Never holds credentials.
 */
const API_ERROR = Symbol.for('sms-channel.twilio-messaging.api-error');
const SEND_ERROR = Symbol.for('sms-channel.twilio-messaging.send-error');

export class TwilioApiError extends TwilioMessagingError {
  readonly [API_ERROR] = true;
  readonly status: number;
  readonly twilioCode: number | undefined;
  readonly twilioMessage: string | undefined;
  readonly moreInfo: string | undefined;
  readonly explanation: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly retryable: boolean;
  readonly request: string | undefined;
  readonly networkCode: string | undefined;

  constructor(failure: TwilioFailure, options: { code?: string; message?: string } = {}) {
    super(options.code ?? 'TWILIO_API_FAILED', options.message ?? describe(failure));
    this.name = 'TwilioApiError';
    this.status = failure.status;
    this.twilioCode = failure.twilioCode;
    this.twilioMessage = failure.twilioMessage;
    this.moreInfo = failure.moreInfo;
    this.explanation = explainTwilioCode(failure.twilioCode);
    this.retryAfterMs = failure.retryAfterMs;
    this.retryable = isRetryableTwilioFailure(failure.status, failure.twilioCode);
    this.request = failure.request;
    this.networkCode = failure.networkCode;
  }

  /** The fields worth a log line (no credentials, no message body). */
  toLog(): Record<string, unknown> {
    return {
      status: this.status,
      twilioCode: this.twilioCode,
      moreInfo: this.moreInfo,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      networkCode: this.networkCode,
    };
  }
}

/**
 * Sending one SMS failed for good: a final refusal (a 4xx such as 21211 or 21610), or retryable failures
 * that outlasted the retry budget (`retryable` is then true: the worker puts the message back for later).
 */
export class TwilioSendError extends TwilioApiError {
  readonly [SEND_ERROR] = true;
  /** Requests made, the first one included. */
  readonly attempts: number;
  /** The recipient. */
  readonly to: string;

  constructor(last: TwilioApiError, details: { attempts: number; to: string }) {
    const tries = details.attempts === 1 ? '' : ` after ${details.attempts} attempts`;
    super(last, {
      code: 'TWILIO_SEND_FAILED',
      message: `Could not send SMS to ${details.to}${tries}: ${last.message}`,
    });
    this.name = 'TwilioSendError';
    this.attempts = details.attempts;
    this.to = details.to;
  }

  override toLog(): Record<string, unknown> {
    return { ...super.toLog(), attempts: this.attempts, to: this.to };
  }
}

/** Whether `value` is a `TwilioApiError` (a `TwilioSendError` included), from any copy of this package. */
export function isTwilioApiError(value: unknown): value is TwilioApiError {
  return hasMarker(value, API_ERROR);
}

/** Whether `value` is a `TwilioSendError`, from any copy of this package. */
export function isTwilioSendError(value: unknown): value is TwilioSendError {
  return hasMarker(value, SEND_ERROR);
}
