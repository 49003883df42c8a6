import { z } from 'zod';
import { headerValue, parseRetryAfter } from './retry-after.js';
import { isTwilioApiError, TwilioApiError } from './twilio-api-error.js';

/** Twilio's error body: `{ code, message, more_info, status }`. Anything else is tolerated, not trusted. */
const errorBodySchema = z.looseObject({
  code: z.number().int().optional().catch(undefined),
  message: z.string().optional().catch(undefined),
  more_info: z.string().optional().catch(undefined),
});

function parseBody(body: unknown): z.infer<typeof errorBodySchema> {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return {};
    }
  }
  const parsed = errorBodySchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

/** The error for a non-2xx answer of the Twilio API. */
export function twilioErrorFromResponse(
  status: number,
  body: unknown,
  headers: unknown,
  request?: string,
): TwilioApiError {
  const parsed = parseBody(body);
  return new TwilioApiError({
    status,
    twilioCode: parsed.code,
    twilioMessage: parsed.message,
    moreInfo: parsed.more_info,
    retryAfterMs: parseRetryAfter(headerValue(headers, 'retry-after')),
    request,
  });
}

/**
 * The error for a request that got no answer. Deliberately keeps only the error's code and message: an HTTP
 * client's error object holds the request config, Authorization header included, and would leak it into logs.
 */
export function twilioErrorFromNetwork(error: unknown, request?: string): TwilioApiError {
  const code = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new TwilioApiError({
    status: 0,
    networkCode: typeof code === 'string' ? code : undefined,
    twilioMessage: message,
    request,
  });
}

/**
 * A Twilio failure as a `TwilioApiError`: ours as is, the SDK's own `RestException` (from a client built
 * without our request client: no `Retry-After` then) converted, anything else `undefined`.
 */
export function asTwilioApiError(error: unknown): TwilioApiError | undefined {
  if (isTwilioApiError(error)) return error;
  if (!(error instanceof Error)) return undefined;
  const status = Reflect.get(error, 'status');
  // The SDK's RestException sets no `name`; its class name is what identifies it.
  if (typeof status !== 'number' || error.constructor.name !== 'RestException') return undefined;
  const code = Reflect.get(error, 'code');
  const moreInfo = Reflect.get(error, 'moreInfo');
  return new TwilioApiError({
    status,
    twilioCode: typeof code === 'number' ? code : undefined,
    twilioMessage: error.message,
    moreInfo: typeof moreInfo === 'string' ? moreInfo : undefined,
  });
}
