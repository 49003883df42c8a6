import { withLegacyQuery } from './legacy-query.js';
import { isNormalUrl, isStableUnderLegacyQuery } from './normal-url.js';

/**
 * Drops a `#fragment`. Twilio does not sign it (it carries connection overrides such as `#rc=`),
 * while Twilio's Node SDK would sign it: one of the two places we knowingly differ from the SDK.
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

/** The port a URL means when it names none, as Twilio's SDK picks it: `:443` for https, else `:80`. */
function defaultPortOf(scheme: string): ':443' | ':80' {
  return scheme.toLowerCase() === 'https://' ? ':443' : ':80';
}

/** Whether the port is the scheme's default, written out (`:443`, `:0443`) or empty (`:`). */
function isDefaultPort(parts: AuthorityParts): boolean {
  if (parts.port === ':') return true;
  if (!/^:\d{1,5}$/.test(parts.port)) return false;
  return Number(parts.port.slice(1)) === Number(defaultPortOf(parts.scheme).slice(1));
}

/**
 * The same URL written in its other default-port form: `:443` (or `:80`) added when it has no port,
 * removed when it has exactly that one; undefined when there is no other form. A URL on another
 * port has none: a proxy adds or drops the default port (Twilio may sign either form), but a
 * request that reached `:8443` was not signed for port 443, so a signature over the URL without
 * `:8443` cannot be genuine (Twilio's SDK accepts it all the same; we do not).
 */
export function otherPortForm(url: string): string | undefined {
  const parts = splitAuthority(url);
  if (parts === undefined) return undefined;
  if (parts.port === '') return `${parts.head}${defaultPortOf(parts.scheme)}${parts.rest}`;
  return isDefaultPort(parts) ? parts.head + parts.rest : undefined;
}

/** A URL and its other default-port form, if any. */
function portForms(url: string): string[] {
  const other = otherPortForm(url);
  return other === undefined ? [url] : [url, other];
}

/**
 * Every URL Twilio may have signed for a request to `url` (fragment already removed), in the order
 * worth trying: the URL as given, then with its default port toggled (a proxy may add or drop
 * `:443`), then the WHATWG-normalised URL in both default-port forms, then each with the legacy
 * query-string encoding. Each is a URL Twilio's Node SDK accepts too.
 *
 * A variant is offered only when the URL could have been rewritten that way, so a forged request
 * costs no HMAC for a rewrite that changes nothing: a URL already in WHATWG form is not parsed, a
 * query the legacy encoding leaves unchanged is not re-encoded, and a non-default port is never
 * removed. Lazy, so a match on the first candidate costs nothing more; duplicates are the caller's
 * to skip.
 */
export function* signedUrlCandidates(url: string): Generator<string, void, undefined> {
  const asGiven = portForms(url);
  yield* asGiven;
  let normalForms = asGiven;
  if (!isNormalUrl(url)) {
    let normalized: string;
    try {
      normalized = new URL(url).href;
    } catch {
      return;
    }
    normalForms = portForms(normalized);
    yield* normalForms;
  }
  // Both forms share one query: what the legacy encoding does to one it does to the other.
  if (isStableUnderLegacyQuery(normalForms[0] ?? url)) return;
  for (const form of normalForms) yield withLegacyQuery(form);
}
