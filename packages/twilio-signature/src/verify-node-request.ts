import { checkRequestParts, type RequestCheck, type VerifyRequestOptions } from './request-check.js';

/**
 * The parts of a Node `http.IncomingMessage` (or anything shaped like it: Express, Fastify's
 * `raw`) that the check reads. Structural, so this package needs no `node:http` at run time.
 */
export interface NodeRequestLike {
  headers: Record<string, string | string[] | undefined>;
  url?: string | undefined;
  /** A `tls.TLSSocket` has `encrypted: true`; anything else means plain HTTP. */
  socket?: object | null | undefined;
}

/**
 * Verifies a Twilio webhook received by a Node HTTP server. `rawBody` is the body exactly as
 * received (read it yourself, with your own size limit). Form bodies are parsed and returned as
 * `params`; JSON webhooks are checked against their `bodySHA256`.
 *
 * Never throws on request input.
 * @throws {InvalidOptionsError} when neither a non-empty `authToken` nor a `verifier` is given, or
 * neither `url` nor `trustProxy`.
 */
export function verifyNodeRequest(
  request: NodeRequestLike,
  rawBody: string | Uint8Array,
  options: VerifyRequestOptions,
): RequestCheck {
  return checkRequestParts(
    {
      header: (name) => headerValue(request.headers[name]),
      scheme: isEncrypted(request.socket) ? 'https' : 'http',
      host: headerValue(request.headers.host),
      pathAndQuery: request.url,
    },
    rawBody,
    options,
  );
}

/** Node joins repeated headers with ", " except a few; do the same for frameworks that do not. */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function isEncrypted(socket: object | null | undefined): boolean {
  return typeof socket === 'object' && socket !== null && 'encrypted' in socket && socket.encrypted === true;
}
