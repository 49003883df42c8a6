import type { ResolvedSmsAccount } from '@sms-channel/config';
import { MediaLinkUnavailableError } from '../errors.js';

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Where this host serves local media files for an account: `override` (the host's media base URL), else the
 * origin of the account's `publicWebhookUrl` (Twilio already reaches the host there). It must be https: Twilio
 * fetches media from the internet, and a plain-http URL would carry the file in clear. Plain http is allowed on
 * a loopback host only, which Twilio can never reach anyway: the local sandbox and tests.
 * Throws `MediaLinkUnavailableError`.
 */
export function mediaBaseUrl(
  account: Pick<ResolvedSmsAccount, 'accountId' | 'publicWebhookUrl'>,
  override?: string | undefined,
): string {
  const source = override ?? account.publicWebhookUrl;
  if (source === undefined)
    throw new MediaLinkUnavailableError(account.accountId, 'it has no publicWebhookUrl');
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new MediaLinkUnavailableError(account.accountId, `${source} is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new MediaLinkUnavailableError(account.accountId, `${url.origin} is not https`);
  }
  // A configured base keeps its path (a proxy prefix); the webhook URL gives its origin only.
  return override === undefined ? url.origin : source.replace(/\/+$/, '');
}
