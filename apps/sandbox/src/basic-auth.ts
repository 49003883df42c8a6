import { timingSafeEqual } from 'node:crypto';

/**
 * Checks HTTP Basic credentials (`Authorization: Basic base64(AccountSid:AuthToken)`, how the `twilio` SDK
 * authenticates) against the sandbox's account, comparing in constant time.
 */
export function checkBasicAuth(header: string | undefined, accountSid: string, authToken: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  return sameText(decoded.slice(0, colon), accountSid) && sameText(decoded.slice(colon + 1), authToken);
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
