/**
 * `Retry-After` in milliseconds: RFC 9110 allows delay-seconds or an HTTP-date. `undefined` when absent or
 * unreadable (a garbage header must not stall a worker).
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text * 1000 : undefined;
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP-date names a weekday and month; bare numbers like "-5" are not dates, whatever Date.parse thinks.
  if (!/[A-Za-z]/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** A header's value from a header object of any casing (axios, node:http, fetch-like plain objects). */
export function headerValue(headers: unknown, name: string): unknown {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const getter = Reflect.get(headers, 'get');
  if (typeof getter === 'function') {
    const viaGet: unknown = Reflect.apply(getter, headers, [name]);
    if (viaGet !== undefined && viaGet !== null) return viaGet;
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
