import { createHash, timingSafeEqual } from 'node:crypto';

/** The query parameter Twilio adds to a JSON webhook's URL: the hex SHA-256 of the raw body. */
export const BODY_HASH_PARAM = 'bodySHA256';

/**
 * The `bodySHA256` value of a URL (fragment already removed), or undefined when the URL has no
 * such query parameter. `null` when the URL mentions it but cannot be parsed.
 *
 * Twilio: for a request with a JSON body, "the request URL will include a `bodySHA256` query
 * parameter", and the signature covers the URL alone. Read as Twilio's SDK reads it
 * (`new URL(url).searchParams.get`), after a cheap substring test so form webhooks never pay for
 * URL parsing.
 */
export function bodyHashParamOf(url: string): string | undefined | null {
  if (!url.includes(BODY_HASH_PARAM)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.searchParams.get(BODY_HASH_PARAM) ?? undefined;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Whether `rawBody` hashes to `expectedHex`, compared in constant time. Like Twilio's SDK, the
 * hash must be lowercase hex, as Twilio sends it.
 */
export function bodyMatchesHash(rawBody: string | Uint8Array, expectedHex: string): boolean {
  if (!HEX_SHA256.test(expectedHex)) return false;
  const actual = createHash('sha256').update(rawBody).digest();
  return timingSafeEqual(actual, Buffer.from(expectedHex, 'hex'));
}
