/**
 * What Twilio's most common error codes mean for the person running the gateway, and what to do. Twilio's
 * own `message` is terse ("Invalid 'To' Phone Number"); these say where to look. Codes and meanings are
 * from Twilio's error dictionary (https://www.twilio.com/docs/api/errors).
 */
const EXPLANATIONS: Readonly<Record<number, string>> = {
  11200: 'Twilio could not get an answer from the webhook URL in time (15 s) or got an error status.',
  20003:
    'Authentication failed: check the accountSid and authToken of this account (and that the account is active).',
  20404: 'Twilio has no such resource: check the accountSid, the phone number or the Messaging Service SID.',
  20429:
    'Twilio is rate limiting this account: too many requests at once; the gateway backs off and retries.',
  20500: 'Twilio had an internal error; the gateway retries.',
  20503: 'Twilio is temporarily unavailable; the gateway retries.',
  21211: "The recipient ('To') is not a valid phone number.",
  21408:
    'The account may not send SMS to this region: enable it in the Twilio console (Messaging > Geo permissions).',
  21602: 'The message has no body.',
  21603:
    "Neither a sender ('From') nor a Messaging Service was given: set fromNumber or messagingServiceSid.",
  21604: "The recipient ('To') is missing.",
  21606: "The sender ('From') is not an SMS-capable number of this account: check fromNumber.",
  21608: 'A trial account can only send to verified numbers: verify the recipient or upgrade the account.',
  21610: 'The recipient replied STOP to this sender; nothing can be sent to them until they text START.',
  21612: 'Twilio cannot route SMS between this sender and this recipient (carrier or country not supported).',
  21614: 'The recipient is not a mobile number (a landline or an unreachable number).',
  21617: 'The message body is longer than 1,600 characters.',
  21705: 'The Messaging Service SID is not valid for this account: check messagingServiceSid.',
  30003: 'The handset is unreachable (switched off or out of coverage).',
  30004: 'The message was blocked by the recipient or their carrier.',
  30005: 'The recipient number is unknown to its carrier (it may no longer exist).',
  30006: 'The recipient is a landline or a carrier that cannot receive SMS.',
  30007:
    'The carrier filtered the message as spam or as breaking its rules (US numbers may need A2P 10DLC registration).',
  30008: 'The carrier reported an unknown delivery error.',
  30034: 'US A2P 10DLC: the sending number is not registered to a campaign, so carriers block it.',
};

/** Twilio's codes that mean "slow down" or "try again later". */
const RETRYABLE_CODES = new Set([20429, 20500, 20503]);

/** A human explanation of a Twilio error code, or `undefined` for a code we have no words for. */
export function explainTwilioCode(code: number | undefined): string | undefined {
  return code === undefined ? undefined : EXPLANATIONS[code];
}

/** The error codes `explainTwilioCode` knows. */
export const EXPLAINED_TWILIO_CODES: readonly number[] = Object.keys(EXPLANATIONS).map(Number);

/**
 * Whether a failed request is worth retrying: no answer at all, HTTP 429 or 5xx (or Twilio's matching codes).
 * Other 4xx answers are final: sending the same request again gets the same refusal.
 */
export function isRetryableTwilioFailure(status: number, code: number | undefined): boolean {
  if (status === 0 || status === 429 || status >= 500) return true;
  return code !== undefined && RETRYABLE_CODES.has(code);
}
