/**
 * Twilio's error codes that a messaging channel meets, in one table: the HTTP status and the message Twilio
 * answers with (what the sandbox plays back), and what the code means for the person running the channel and
 * what to do (what a gateway logs). Twilio's own message is terse ("Invalid 'To' Phone Number"); the
 * explanation says where to look. From Twilio's error dictionary (https://www.twilio.com/docs/api/errors).
 */
export interface TwilioErrorCodeInfo {
  /** The HTTP status Twilio answers the request with (REST errors); alerts and delivery errors have none. */
  status?: number;
  /** Twilio's own message. */
  message: string;
  /** What it means for the operator and what to do. */
  explanation: string;
}

export const TWILIO_ERROR_CODES = {
  11200: {
    message: 'HTTP retrieval failure',
    explanation:
      'Twilio could not get an answer from a URL in time (15 s) or got an error status: the webhook URL, or a MediaUrl to send.',
  },
  11751: {
    message: 'Media Message - Media exceeds messaging provider size limit',
    explanation:
      'The media is too large for MMS: at most 5 MB in all, and 500 KB for types other than jpeg, png and gif.',
  },
  12300: {
    message: 'Invalid Content-Type',
    explanation:
      'A media URL answered without a Content-Type Twilio accepts for MMS (or the bytes are not that type).',
  },
  20001: {
    status: 400,
    message: 'Invalid parameter',
    explanation: 'Twilio could not read a parameter of the request (a filter, a page size...).',
  },
  20003: {
    status: 401,
    message: 'Authenticate',
    explanation:
      'Authentication failed: check the accountSid and authToken of this account (and that the account is active).',
  },
  20004: {
    status: 405,
    message: 'Method not allowed',
    explanation: 'The Twilio API does not allow this method on this resource.',
  },
  20404: {
    status: 404,
    message: 'The requested resource was not found',
    explanation:
      'Twilio has no such resource: check the accountSid, the phone number or the Messaging Service SID.',
  },
  20429: {
    status: 429,
    message: 'Too Many Requests',
    explanation:
      'Twilio is rate limiting this account: too many requests at once; the gateway backs off and retries.',
  },
  20500: {
    status: 500,
    message: 'Internal Server Error',
    explanation: 'Twilio had an internal error; the gateway retries.',
  },
  20503: {
    status: 503,
    message: 'Service Unavailable',
    explanation: 'Twilio is temporarily unavailable; the gateway retries.',
  },
  21211: {
    status: 400,
    message: "Invalid 'To' Phone Number",
    explanation: "The recipient ('To') is not a valid phone number.",
  },
  21266: {
    status: 400,
    message: "'To' and 'From' number cannot be the same",
    explanation: 'The recipient is the sending number itself.',
  },
  21408: {
    status: 400,
    message: "Permission to send an SMS has not been enabled for the region indicated by the 'To' number",
    explanation:
      'The account may not send SMS to this region: enable it in the Twilio console (Messaging > Geo permissions).',
  },
  21602: {
    status: 400,
    message: 'Message body is required.',
    explanation: 'The message has no body (and no media).',
  },
  21603: {
    status: 400,
    message: "A 'From' phone number is required.",
    explanation:
      "Neither a sender ('From') nor a Messaging Service was given: set fromNumber or messagingServiceSid.",
  },
  21604: {
    status: 400,
    message: "A 'To' phone number is required.",
    explanation: "The recipient ('To') is missing.",
  },
  21606: {
    status: 400,
    message:
      "The 'From' phone number provided is not a valid message-capable Twilio phone number for this account.",
    explanation: "The sender ('From') is not an SMS-capable number of this account: check fromNumber.",
  },
  21608: {
    status: 400,
    message: 'The number is unverified. Trial accounts may only send messages to verified numbers.',
    explanation:
      'A trial account can only send to verified numbers: verify the recipient or upgrade the account.',
  },
  21609: {
    status: 400,
    message: 'Invalid StatusCallback URL',
    explanation: 'The StatusCallback URL is not a valid URL: check publicWebhookUrl.',
  },
  21610: {
    status: 400,
    message: 'Attempt to send to unsubscribed recipient',
    explanation:
      'The recipient replied STOP to this sender; nothing can be sent to them until they text START.',
  },
  21612: {
    status: 400,
    message: "The 'To' phone number is not currently reachable using the 'From' phone number via SMS.",
    explanation:
      'Twilio cannot route SMS between this sender and this recipient (carrier or country not supported).',
  },
  21614: {
    status: 400,
    message: "'To' number is not a valid mobile number",
    explanation: 'The recipient is not a mobile number (a landline or an unreachable number).',
  },
  21617: {
    status: 400,
    message: 'The concatenated message body exceeds the 1600 character limit.',
    explanation: 'The message body is longer than 1,600 characters.',
  },
  21620: {
    status: 400,
    message: 'Invalid media URL(s)',
    explanation: 'A media URL is not a valid, publicly reachable http(s) URL.',
  },
  21623: {
    status: 400,
    message: 'Number of media files exceeds allowed limit',
    explanation: 'An MMS carries at most 10 media.',
  },
  21701: {
    status: 400,
    message: 'The Messaging Service SID provided does not exist for this account.',
    explanation: 'The Messaging Service SID is not one of this account: check messagingServiceSid.',
  },
  21705: {
    status: 400,
    message: 'Invalid Messaging Service SID',
    explanation: 'The Messaging Service SID is not valid for this account: check messagingServiceSid.',
  },
  30003: {
    message: 'Unreachable destination handset',
    explanation: 'The handset is unreachable (switched off or out of coverage).',
  },
  30004: {
    message: 'Message blocked',
    explanation: 'The message was blocked by the recipient or their carrier.',
  },
  30005: {
    message: 'Unknown destination handset',
    explanation: 'The recipient number is unknown to its carrier (it may no longer exist).',
  },
  30006: {
    message: 'Landline or unreachable carrier',
    explanation: 'The recipient is a landline or a carrier that cannot receive SMS.',
  },
  30007: {
    message: 'Message filtered',
    explanation:
      'The carrier filtered the message as spam or as breaking its rules (US numbers may need A2P 10DLC registration).',
  },
  30008: {
    message: 'Unknown error',
    explanation: 'The carrier reported an unknown delivery error.',
  },
  30034: {
    message: 'Message from an unregistered number',
    explanation: 'US A2P 10DLC: the sending number is not registered to a campaign, so carriers block it.',
  },
} as const satisfies Record<number, TwilioErrorCodeInfo>;

/** A code of `TWILIO_ERROR_CODES`. */
export type KnownTwilioErrorCode = keyof typeof TWILIO_ERROR_CODES;

const TABLE: Readonly<Record<number, TwilioErrorCodeInfo>> = TWILIO_ERROR_CODES;

/** Twilio's codes that mean "slow down" or "try again later". */
const RETRYABLE_CODES = new Set([20429, 20500, 20503]);

/** The table's entry for `code`, or `undefined` for a code we know nothing of. */
export function twilioErrorCodeInfo(code: number | undefined): TwilioErrorCodeInfo | undefined {
  return code === undefined ? undefined : TABLE[code];
}

/** A human explanation of a Twilio error code, or `undefined` for a code we have no words for. */
export function explainTwilioCode(code: number | undefined): string | undefined {
  return twilioErrorCodeInfo(code)?.explanation;
}

/** The documentation link Twilio puts in `more_info`. */
export function twilioErrorUrl(code: number): string {
  return `https://www.twilio.com/docs/errors/${code}`;
}

/**
 * Whether a failed request is worth retrying: no answer at all, HTTP 429 or 5xx (or Twilio's matching codes).
 * Other 4xx answers are final: sending the same request again gets the same refusal.
 */
export function isRetryableTwilioFailure(status: number, code: number | undefined): boolean {
  if (status === 0 || status === 429 || status >= 500) return true;
  return code !== undefined && RETRYABLE_CODES.has(code);
}
