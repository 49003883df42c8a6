import type { IncomingHttpHeaders } from 'node:http';

/**
 * The address a request came from, for per-client rate limits. Behind a proxy you control (`trustProxy`),
 * that is the last `X-Forwarded-For` entry, the one your proxy appended; earlier entries are whatever the
 * client claimed. Without `trustProxy` the header is ignored.
 */
export function clientIp(
  remoteAddress: string | undefined,
  headers: IncomingHttpHeaders,
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const forwarded = headers['x-forwarded-for'];
    const value = Array.isArray(forwarded) ? forwarded.at(-1) : forwarded;
    const last = value?.split(',').at(-1)?.trim();
    if (last !== undefined && last !== '') return last;
  }
  return remoteAddress ?? 'unknown';
}
