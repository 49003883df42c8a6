/**
 * Cheap, conservative tests that say when a URL variant cannot differ from the URL itself, so a
 * refused request does not pay for parsing and re-encoding that would only produce duplicates.
 * Each may answer `false` for a URL that would in fact come out unchanged (that only costs the
 * work it saves); it must never answer `true` for one that would change. The property tests check
 * them against `new URL` and `node:querystring` themselves.
 */

// A lowercase http(s) URL with a host name or dotted-quad address (its last label captured), an
// optional port, a path and an optional query, written only with characters WHATWG URL
// serialisation leaves alone. No `%` at all: percent-escapes may spell dot segments (`%2e`) in a
// path, and the legacy query encoding decodes them.
const PLAIN_URL =
  /^https?:\/\/((?:[a-z0-9-]+\.)*([a-z0-9-]+))(?::([1-9]\d{0,4}))?(\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?$/;
// WHATWG reads a host whose last label is a number (`10`, `0x1f`) as an IPv4 address and rewrites
// it unless it already is a dotted quad in decimal without leading zeros.
const NUMERIC_LABEL = /^(?:\d+|0x[0-9a-f]*)$/;
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
// `.` and `..` segments are removed by WHATWG path parsing.
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;
const MAX_PORT = 65535;

/**
 * Whether WHATWG `new URL(url).href` can only be `url` itself, or `url` without its default port
 * (which `otherPortForm` already offers), so parsing it would yield nothing new.
 */
export function isNormalUrl(url: string): boolean {
  const match = PLAIN_URL.exec(url);
  if (match === null) return false;
  const [, host = '', lastLabel = '', port, path = ''] = match;
  if (NUMERIC_LABEL.test(lastLabel) && !DOTTED_QUAD.test(host)) return false;
  // Punycode labels are decoded and checked by IDNA, which may refuse or rewrite them.
  if (host.includes('xn--')) return false;
  if (port !== undefined && Number(port) > MAX_PORT) return false;
  return !path.includes('/.') || !DOT_SEGMENT.test(path);
}

// `name=value` pieces of characters that `querystring.escape` leaves alone (like
// `encodeURIComponent`), joined by `&`; the first piece's name is captured.
const STABLE_QUERY =
  /^([A-Za-z0-9\-._~!()*]*)=[A-Za-z0-9\-._~!()*]*(?:&[A-Za-z0-9\-._~!()*]*=[A-Za-z0-9\-._~!()*]*)*$/;
// Names made of digits only would be reordered (integer-like object keys come first).
const DIGITS_ONLY = /^\d+$/;
/** `querystring.parse` reads at most this many pieces; a longer query is re-encoded shorter. */
const LEGACY_MAX_PIECES = 1000;

/**
 * Whether Node's legacy `querystring` round trip (see `withLegacyQuery`) leaves the query of `url`
 * unchanged: no query at all, or distinct `name=value` pairs of characters it never escapes, in an
 * order it keeps.
 */
export function isStableUnderLegacyQuery(url: string): boolean {
  const queryStart = url.indexOf('?');
  if (queryStart === -1 || queryStart === url.length - 1) return true;
  const query = url.slice(queryStart + 1);
  const firstName = STABLE_QUERY.exec(query)?.[1];
  if (firstName === undefined) return false;
  if (!query.includes('&')) return !DIGITS_ONLY.test(firstName);
  const names = query.split('&', LEGACY_MAX_PIECES).map((piece) => piece.slice(0, piece.indexOf('=')));
  if (names.length >= LEGACY_MAX_PIECES) return false;
  return names.every((name, index) => !DIGITS_ONLY.test(name) && names.indexOf(name) === index);
}
