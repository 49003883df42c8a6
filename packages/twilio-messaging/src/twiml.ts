/** What the webhook answers: framework-agnostic, written out by an adapter. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The header carrying the short reason of a non-200 answer (and of a duplicate). */
export const REASON_HEADER = 'X-SMS-Channel-Reason';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
/** The empty TwiML Twilio expects: acknowledged, nothing to send back in the HTTP answer. */
export const EMPTY_TWIML = `${XML_DECLARATION}<Response></Response>`;

/**
 * Every answer is TwiML, errors included: Twilio logs the body of a failed webhook, and a `text/xml` label on
 * plain text (as the leading implementation does) is itself a parse error there. The reason goes in a header
 * and an XML comment; it is a fixed token (`bad-signature`...), never request data, so nothing needs escaping.
 */
export function twimlResponse(
  status: number,
  reason?: string,
  headers: Record<string, string> = {},
): WebhookResponse {
  const body =
    reason === undefined ? EMPTY_TWIML : `${XML_DECLARATION}<Response><!-- ${reason} --></Response>`;
  return {
    status,
    headers: {
      'Content-Type': 'text/xml; charset=utf-8',
      ...(reason === undefined ? {} : { [REASON_HEADER]: reason }),
      ...headers,
    },
    body,
  };
}
