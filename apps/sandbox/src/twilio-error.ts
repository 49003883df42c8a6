import {
  type KnownTwilioErrorCode,
  TWILIO_ERROR_CODES,
  type TwilioErrorCodeInfo,
  twilioErrorUrl,
} from '@sms-channel/twilio-messaging';

/**
 * Twilio's REST errors, as the sandbox answers them. The codes, with Twilio's HTTP status and message, are the one
 * table in `@sms-channel/twilio-messaging` that the gateway explains them from. Twilio answers every API failure with a JSON body
 * `{ code, message, more_info, status }` where `more_info` links the error's page
 * (`https://www.twilio.com/docs/errors/<code>`) and `status` repeats the HTTP status. The `twilio` SDK turns that
 * body into a `RestException` with the same `code`, `status` and `moreInfo`, so clients branch on `code`.
 */

/** A Twilio error code the sandbox answers or records: one of the shared table's (`TWILIO_ERROR_CODES`). */
export type TwilioErrorCode = KnownTwilioErrorCode;

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
  code: TwilioErrorCode | number,
  detail?: string,
  options: { status?: number; headers?: Record<string, string> } = {},
): TwilioErrorAnswer {
  const known: TwilioErrorCodeInfo | undefined = (
    TWILIO_ERROR_CODES as Readonly<Record<number, TwilioErrorCodeInfo>>
  )[code];
  // Codes Twilio only records (11200, 30003...) have no HTTP status of their own; a caller answering one names it.
  const status = options.status ?? known?.status ?? 400;
  return {
    status,
    headers: options.headers ?? {},
    body: { code, message: detail ?? twilioErrorMessage(code), more_info: twilioErrorUrl(code), status },
  };
}

/** Twilio's message for a code of the table, or `Error <code>` for one it does not hold. */
export function twilioErrorMessage(code: number): string {
  return (
    (TWILIO_ERROR_CODES as Readonly<Record<number, TwilioErrorCodeInfo>>)[code]?.message ?? `Error ${code}`
  );
}
