/**
 * Re-encodes a URL's query string the way Node's legacy `querystring` module round-trips it
 * (`stringify(parse(query))`). Twilio's Node SDK accepts a signature over that form as a last
 * resort, for back ends that signed an escaped query (`%27` for `'`), so we accept it too.
 *
 * Hand-written because this package imports nothing but `node:crypto` at run time; the tests
 * check it against `node:querystring` itself. It is only ever applied to a URL already
 * serialised by WHATWG `URL` (pure ASCII), where `querystring.parse` decodes exactly like
 * `URLSearchParams`, and `querystring.escape` escapes exactly like `encodeURIComponent`.
 */
export function withLegacyQuery(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1 || queryStart === url.length - 1) return url;
  return `${url.slice(0, queryStart)}?${reencodeQuery(url.slice(queryStart + 1))}`;
}

/** `querystring.parse` reads at most 1,000 `&`-separated pieces (its `maxKeys`), empty ones included. */
const LEGACY_MAX_PIECES = 1000;

function reencodeQuery(query: string): string {
  const pieces = query.split('&', LEGACY_MAX_PIECES).join('&');
  // A null-prototype object groups repeated keys in the order `querystring` emits them: the
  // engine's own key order (integer-like keys first, ascending; then first appearance).
  const grouped: Record<string, string[]> = Object.create(null);
  // URLSearchParams drops one leading `?` from its input, `querystring.parse` does not (`p??` has the key `?`): an
  // empty first piece, which both skip, keeps it.
  for (const [key, value] of new URLSearchParams(`&${pieces}`)) {
    const values = grouped[key];
    if (values === undefined) grouped[key] = [value];
    else values.push(value);
  }
  const fields: string[] = [];
  for (const key of Object.keys(grouped)) {
    const encodedKey = `${encodeURIComponent(key)}=`;
    for (const value of grouped[key] ?? []) fields.push(encodedKey + encodeURIComponent(value));
  }
  return fields.join('&');
}
