/** What the trusted-proxy mode reads from a request to rebuild its public URL. */
export interface ForwardedUrlParts {
  /** `X-Forwarded-Proto`, raw. */
  forwardedProto: string | undefined;
  /** `X-Forwarded-Host`, raw. */
  forwardedHost: string | undefined;
  /** The request's own scheme without `:` (`http` or `https`), used when no proxy header says. */
  scheme: string;
  /** The request's own `Host`. */
  host: string | undefined;
  /** Path and query as the server received them, starting with `/`. */
  pathAndQuery: string | undefined;
}

// A host (with optional port, or a bracketed IPv6 literal) and nothing that would move it elsewhere.
const HOST = /^(?:\[[0-9a-f:.]+\]|[^\s/?#@[\]\\:]+)(?::\d{1,5})?$/i;

/**
 * Rebuilds the public URL Twilio called, for a server behind a reverse proxy that the caller
 * trusts to set `X-Forwarded-Proto` and `X-Forwarded-Host` (and to strip them from clients).
 * The first value of a comma-separated list is the one the client-facing proxy wrote.
 * Returns undefined when the parts do not make a URL.
 */
export function forwardedRequestUrl(parts: ForwardedUrlParts): string | undefined {
  const scheme = (firstListValue(parts.forwardedProto) ?? parts.scheme).toLowerCase();
  const host = firstListValue(parts.forwardedHost) ?? parts.host?.trim();
  const path = parts.pathAndQuery;
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  if (host === undefined || !HOST.test(host)) return undefined;
  if (!isOriginRelativeTarget(path)) return undefined;
  return `${scheme}://${host}${path}`;
}

/**
 * Whether a request target is a path (and query) on this origin: it starts with `/` but not `//`, so that
 * appended to an origin it cannot name another host. An absolute-form target (`http://...`) is not.
 */
export function isOriginRelativeTarget(target: string | undefined): target is string {
  return target?.startsWith('/') === true && !target.startsWith('//');
}

function firstListValue(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const first = header.split(',', 1)[0]?.trim();
  return first === undefined || first === '' ? undefined : first;
}
