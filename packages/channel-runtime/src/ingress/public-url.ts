import type { IncomingHttpHeaders } from 'node:http';
import { resolveSignedUrl, type SignedUrl } from '@sms-channel/twilio-signature';

/**
 * The URL Twilio signed, found by the signature library's one implementation (`resolveSignedUrl`): the account's
 * `publicWebhookUrl` when set; else, with `trustProxy`, the URL rebuilt from `X-Forwarded-Proto` (else the
 * connection's own scheme) and `X-Forwarded-Host` (else `Host`), only when they make a plain http(s) URL; else
 * the local listen URL with the request target.
 */
export function publicUrlFor(options: {
  publicWebhookUrl: string | undefined;
  trustProxy: boolean;
  headers: IncomingHttpHeaders;
  /** Path and query as received. */
  target: string;
  /** Whether the request came over TLS (the scheme when no proxy header names one). */
  encrypted?: boolean | undefined;
  /** `http://host:port` the server listens on. */
  listenOrigin: string | undefined;
}): SignedUrl | undefined {
  return resolveSignedUrl(
    {
      headers: options.headers,
      url: options.target,
      socket: options.encrypted === true ? { encrypted: true } : null,
    },
    {
      publicUrl: options.publicWebhookUrl,
      trustProxy: options.trustProxy,
      listenOrigin: options.listenOrigin,
    },
  );
}
