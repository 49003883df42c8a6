import { withLegacyQuery } from './legacy-query.js';

/**
 * Drops a `#fragment`. Twilio does not sign it (it carries connection overrides such as `#rc=`),
 * while Twilio's Node SDK would sign it: this is the one place we knowingly differ from the SDK.
 */
export function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

// Scheme and authority, read without normalising anything else, as Twilio's SDK does.
const SCHEME_AND_AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i;

interface AuthorityParts {
  /** Scheme, `://`, user info and host: everything before the port. */
  head: string;
  scheme: string;
  /** `:` and what follows it in the authority, or '' when there is no port. */
  port: string;
  /** Path, query and fragment. */
  rest: string;
}

function splitAuthority(url: string): AuthorityParts | undefined {
  const match = SCHEME_AND_AUTHORITY.exec(url);
  if (match === null) return undefined;
  const [prefix, scheme = '', authority = ''] = match;
  const hostStart = authority.lastIndexOf('@') + 1;
  // A colon starts the port only after the closing bracket of an IPv6 literal.
  const portStart = authority.indexOf(':', Math.max(hostStart, authority.lastIndexOf(']') + 1));
  const portAt = portStart === -1 ? authority.length : portStart;
  return {
    head: scheme + authority.slice(0, portAt),
    scheme,
    port: authority.slice(portAt),
    rest: url.slice(prefix.length),
  };
}

/** The URL without any port (the SDK drops any port here, not only a default one). */
export function withoutPort(url: string): string {
  const parts = splitAuthority(url);
  return parts === undefined ? url : parts.head + parts.rest;
}

/** The URL with the scheme's default port added when it has none (`:443` for https, else `:80`). */
export function withDefaultPort(url: string): string {
  const parts = splitAuthority(url);
  if (parts === undefined || parts.port !== '') return url;
  return `${parts.head}${parts.scheme.toLowerCase() === 'https://' ? ':443' : ':80'}${parts.rest}`;
}

/**
 * Every URL Twilio may have signed for a request to `url` (fragment already removed), in the order
 * worth trying: the URL as given, then with its port toggled (a proxy may add or drop `:443`), then
 * the WHATWG-normalised URL with and without the default port, each also with the legacy
 * query-string encoding. This is the set Twilio's Node SDK accepts. Lazy, so a match on the first
 * candidate costs no URL parsing at all; duplicates are the caller's to skip.
 */
export function* signedUrlCandidates(url: string): Generator<string, void, undefined> {
  yield url;
  const parts = splitAuthority(url);
  if (parts !== undefined) yield parts.port === '' ? withDefaultPort(url) : parts.head + parts.rest;
  let normalized: string;
  try {
    normalized = new URL(url).href;
  } catch {
    return;
  }
  const bare = withoutPort(normalized);
  const ported = withDefaultPort(normalized);
  yield bare;
  yield ported;
  yield withLegacyQuery(bare);
  yield withLegacyQuery(ported);
}
