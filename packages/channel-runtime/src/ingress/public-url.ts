import type { IncomingHttpHeaders } from 'node:http';

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(',')[0]?.trim() || undefined;
}

/** Where the URL a signature is checked against came from (logged at start, and with refusals). */
export type PublicUrlSource = 'publicWebhookUrl' | 'forwarded-headers' | 'listen-address';

/**
 * The URL Twilio signed: the account's `publicWebhookUrl` when set (it is what Twilio was configured with);
 * else, with `trustProxy`, the one rebuilt from `X-Forwarded-Proto` / `X-Forwarded-Host` (else `Host`) and
 * the request path; else the local listen URL with the request path, which only matches when Twilio (or the
 * sandbox) calls the gateway directly. Twilio: "the full URL that you specified in the Twilio console,
 * including query string".
 */
export function publicUrlFor(options: {
  publicWebhookUrl: string | undefined;
  trustProxy: boolean;
  headers: IncomingHttpHeaders;
  /** Path and query as received. */
  target: string;
  /** `http://host:port` the server listens on. */
  listenOrigin: string | undefined;
}): { url: string; source: PublicUrlSource } | undefined {
  if (options.publicWebhookUrl !== undefined) {
    return { url: options.publicWebhookUrl, source: 'publicWebhookUrl' };
  }
  if (options.trustProxy) {
    const proto = first(options.headers['x-forwarded-proto']) ?? 'https';
    const host = first(options.headers['x-forwarded-host']) ?? first(options.headers.host);
    if (host !== undefined)
      return { url: `${proto}://${host}${options.target}`, source: 'forwarded-headers' };
  }
  if (options.listenOrigin === undefined) return undefined;
  return { url: `${options.listenOrigin}${options.target}`, source: 'listen-address' };
}
