import { TWILIO_API_ORIGIN } from './create-twilio-client.js';
import { TwilioMediaError } from './twilio-media-error.js';

/** Whose media a URL must be: the account (and its API base) and the message it came with. */
export interface TwilioMediaOwner {
  accountSid: string;
  /** The inbound message's `MessageSid` (`MM...` for an MMS). */
  messageSid: string;
  /** Where the account's Twilio REST API lives (the sandbox, in tests). @default "https://api.twilio.com" */
  twilioApiBaseUrl?: string | undefined;
}

/** A media URL that passed the checks. */
export interface TwilioMediaUrl {
  url: URL;
  /** `ME` + 32 hex. */
  mediaSid: string;
  /** `scheme://host:port` of the Twilio API: the only origin the account's credentials are sent to. */
  apiOrigin: string;
}

const SID = {
  account: /^AC[0-9a-fA-F]{32}$/,
  message: /^(?:MM|SM)[0-9a-fA-F]{32}$/,
  media: /^ME[0-9a-fA-F]{32}$/,
};

function refuse(url: string, why: string): TwilioMediaError {
  return new TwilioMediaError('url-refused', `Refused media URL ${url}: ${why}`, { url, retryable: false });
}

/**
 * Checks that `raw` is a Media URL of this account and this message on the account's Twilio API, before any
 * credentials go near it: the same origin (scheme, host and port) as `twilioApiBaseUrl`, the path
 * `[base path]/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{MediaSid}` with the account's SID
 * and the message's SID, no query, no user info. Anything else could be a webhook that is signed but names a
 * URL of someone else's choosing (a misconfigured proxy, a forged form with signatures off): fetching it with
 * Basic auth would hand the auth token to that host. Throws `TwilioMediaError` (`url-refused`, final).
 */
export function parseTwilioMediaUrl(raw: string, owner: TwilioMediaOwner): TwilioMediaUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(raw, 'not an absolute URL');
  }
  const base = new URL(owner.twilioApiBaseUrl ?? TWILIO_API_ORIGIN);
  if (url.origin !== base.origin) throw refuse(raw, `not on the Twilio API origin ${base.origin}`);
  if (url.username !== '' || url.password !== '') throw refuse(raw, 'it carries user info');
  if (url.search !== '' || url.hash !== '') throw refuse(raw, 'it carries a query or fragment');
  const prefix = base.pathname.replace(/\/+$/, '');
  if (!url.pathname.startsWith(`${prefix}/`)) throw refuse(raw, `its path is not under ${prefix || '/'}`);
  const segments = url.pathname.slice(prefix.length + 1).split('/');
  const [version, accounts, accountSid, messages, messageSid, media, mediaSid, ...rest] = segments;
  const shaped =
    version === '2010-04-01' && accounts === 'Accounts' && messages === 'Messages' && media === 'Media';
  if (!shaped || rest.length > 0 || mediaSid === undefined || !SID.media.test(mediaSid)) {
    throw refuse(
      raw,
      'its path is not /2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{MediaSid}',
    );
  }
  if (accountSid !== owner.accountSid || !SID.account.test(accountSid)) {
    throw refuse(raw, `it names account ${accountSid}, not ${owner.accountSid}`);
  }
  if (messageSid !== owner.messageSid || messageSid === undefined || !SID.message.test(messageSid)) {
    throw refuse(raw, `it names message ${messageSid}, not ${owner.messageSid}`);
  }
  return { url, mediaSid, apiOrigin: base.origin };
}
