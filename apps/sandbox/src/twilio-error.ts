/**
 * Twilio's REST errors, as the sandbox answers them. Twilio answers every API failure with a JSON body
 * `{ code, message, more_info, status }` where `more_info` links the error's page
 * (`https://www.twilio.com/docs/errors/<code>`) and `status` repeats the HTTP status. The `twilio` SDK turns that
 * body into a `RestException` with the same `code`, `status` and `moreInfo`, so clients branch on `code`.
 */

/** The Twilio error codes the sandbox answers or records, with their HTTP status. */
export const TWILIO_ERRORS = {
  /** A query or form parameter Twilio cannot read (a `DateSent` that is no date, a `PageSize` of 0...). */
  20001: { status: 400, message: 'Invalid parameter' },
  /** Credentials wrong or missing. */
  20003: { status: 401, message: 'Authenticate' },
  /** Unknown resource. */
  20404: { status: 404, message: 'The requested resource was not found' },
  /** Method not allowed on a resource. */
  20004: { status: 405, message: 'Method not allowed' },
  /** Too many requests: slow down and honour Retry-After. */
  20429: { status: 429, message: 'Too Many Requests' },
  /** Also recorded as an alert when the sandbox's own background work fails (a sandbox bug). */
  20500: { status: 500, message: 'Internal Server Error' },
  20503: { status: 503, message: 'Service Unavailable' },
  21211: { status: 400, message: "Invalid 'To' Phone Number" },
  21266: { status: 400, message: "'To' and 'From' number cannot be the same" },
  21602: { status: 400, message: 'Message body is required.' },
  21603: { status: 400, message: "A 'From' phone number is required." },
  21604: { status: 400, message: "A 'To' phone number is required." },
  21606: {
    status: 400,
    message:
      "The 'From' phone number provided is not a valid message-capable Twilio phone number for this account.",
  },
  21609: { status: 400, message: 'Invalid StatusCallback URL' },
  /** Media to a handset outside the US and Canada while the MMS Converter is off. */
  21612: {
    status: 400,
    message: "The 'To' phone number is not currently reachable using the 'From' phone number via SMS.",
  },
  21610: { status: 400, message: 'Attempt to send to unsubscribed recipient' },
  21617: { status: 400, message: 'The concatenated message body exceeds the 1600 character limit.' },
  21620: { status: 400, message: 'Invalid media URL(s)' },
  21623: { status: 400, message: 'Number of media files exceeds allowed limit' },
  21701: { status: 400, message: 'The Messaging Service SID provided does not exist for this account.' },
  /**
   * Recorded (never answered): a webhook answered non-2xx, failed, or did not answer in time; also an outbound
   * MMS whose `MediaUrl` could not be fetched (the message fails).
   */
  11200: { status: 502, message: 'HTTP retrieval failure' },
  /** An outbound MMS fails: one media over 500 KB (not jpeg/png/gif), or all over 5 MB. */
  11751: { status: 400, message: 'Media Message - Media exceeds messaging provider size limit' },
  /** An outbound MMS fails: a media without a Content-Type, of a type Twilio refuses, or that lies about it. */
  12300: { status: 415, message: 'Invalid Content-Type' },
  /** Recorded on undelivered messages: the handset could not be reached. */
  30003: { status: 400, message: 'Unreachable destination handset' },
} as const satisfies Record<number, { status: number; message: string }>;

/** A Twilio error code the sandbox knows. */
export type TwilioErrorCode = keyof typeof TWILIO_ERRORS;

/** The JSON body of a Twilio REST error. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

/** An error answer: HTTP status, extra headers and the Twilio-shaped body. */
export interface TwilioErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: TwilioErrorBody;
}

/** Builds Twilio's error answer for `code`; `detail` replaces the default message (Twilio often names the input). */
export function twilioError(
  code: TwilioErrorCode,
  detail?: string,
  options: { status?: number; headers?: Record<string, string> } = {},
): TwilioErrorAnswer {
  const known = TWILIO_ERRORS[code];
  const status = options.status ?? known.status;
  return {
    status,
    headers: options.headers ?? {},
    body: { code, message: detail ?? known.message, more_info: moreInfoUrl(code), status },
  };
}

/** The documentation link Twilio puts in `more_info`. */
export function moreInfoUrl(code: number): string {
  return `https://www.twilio.com/docs/errors/${code}`;
}
