/**
 * Twilio's 2010-04-01 API writes dates as RFC 2822 in GMT with a numeric zone, e.g.
 * `Thu, 26 Nov 2026 15:00:00 +0000` (the SDK parses them with `deserialize.rfc2822DateTime`).
 */

/** Formats `date` the way Twilio's `date_created` / `date_updated` / `date_sent` fields are written. */
export function formatTwilioDate(date: Date): string {
  // toUTCString() is RFC 7231's IMF-fixdate ("Thu, 26 Nov 2026 15:00:00 GMT"): the same layout as RFC 2822 with
  // a two-digit day; Twilio writes the zone as "+0000" instead of "GMT".
  return date.toUTCString().replace(/ GMT$/, ' +0000');
}

/**
 * The v1 product APIs (Messaging Services...) write ISO 8601 in UTC to the second, e.g. `2026-11-26T15:00:00Z`.
 */
export function formatIsoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Twilio's `RawDlrDoneDate` on delivered status callbacks: the carrier's delivery-receipt time as `YYMMDDhhmm`
 * (UTC).
 */
export function formatDlrDoneDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    two(date.getUTCFullYear() % 100) +
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    two(date.getUTCHours()) +
    two(date.getUTCMinutes())
  );
}
