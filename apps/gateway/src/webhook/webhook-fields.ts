import type { FormParams } from '@sms-channel/twilio-signature';

/** The fields of a signed webhook the gateway acts on; the whole form is kept as the queued payload. */
export interface WebhookFields {
  accountSid: string | undefined;
  messageSid: string | undefined;
  from: string | undefined;
  to: string | undefined;
  messagingServiceSid: string | undefined;
  /** Present on status callbacks only. */
  messageStatus: string | undefined;
  errorCode: number | undefined;
}

function one(params: FormParams, key: string): string | undefined {
  const value = params[key];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

/**
 * Reads the fields from a parsed form. `MessageSid` falls back to `SmsSid` / `SmsMessageSid`, which Twilio
 * sends with the same value (older integrations only read those).
 */
export function readWebhookFields(params: FormParams): WebhookFields {
  const errorCode = one(params, 'ErrorCode');
  const parsedCode = errorCode === undefined ? Number.NaN : Number(errorCode);
  return {
    accountSid: one(params, 'AccountSid'),
    messageSid: one(params, 'MessageSid') ?? one(params, 'SmsSid') ?? one(params, 'SmsMessageSid'),
    from: one(params, 'From'),
    to: one(params, 'To'),
    messagingServiceSid: one(params, 'MessagingServiceSid'),
    messageStatus: one(params, 'MessageStatus'),
    errorCode: Number.isInteger(parsedCode) ? parsedCode : undefined,
  };
}

/** The form as a plain JSON object (the parser's has a null prototype), repeated keys kept as arrays. */
export function toPayload(params: FormParams): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(params));
}
