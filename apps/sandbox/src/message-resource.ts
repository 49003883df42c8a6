import type { SandboxMessage } from './sandbox-message.js';
import { formatTwilioDate } from './twilio-date.js';

/** Twilio's API version, in paths, resources and webhooks. */
export const API_VERSION = '2010-04-01';

/** The Message resource exactly as Twilio's 2010-04-01 JSON API writes it (snake_case, counts as strings). */
export interface MessageResource {
  account_sid: string;
  api_version: string;
  body: string;
  date_created: string;
  date_sent: string | null;
  date_updated: string;
  direction: string;
  error_code: number | null;
  error_message: string | null;
  from: string | null;
  messaging_service_sid: string | null;
  num_media: string;
  num_segments: string;
  price: string | null;
  price_unit: string;
  sid: string;
  status: string;
  subresource_uris: { media: string };
  to: string;
  uri: string;
}

/** The path of a message resource, relative to the API host (Twilio's `uri` field). */
export function messageUri(accountSid: string, sid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}/Messages/${sid}.json`;
}

/** Renders a sandbox message as Twilio's JSON Message resource. */
export function toMessageResource(message: SandboxMessage): MessageResource {
  const uri = messageUri(message.accountSid, message.sid);
  return {
    account_sid: message.accountSid,
    api_version: API_VERSION,
    body: message.body,
    date_created: formatTwilioDate(message.dateCreated),
    date_sent: message.dateSent && formatTwilioDate(message.dateSent),
    date_updated: formatTwilioDate(message.dateUpdated),
    direction: message.direction,
    error_code: message.errorCode,
    error_message: message.errorMessage,
    from: message.from,
    messaging_service_sid: message.messagingServiceSid,
    // Twilio writes these two counts as strings. Until the media are fetched, the count is of the URLs given.
    num_media: String(message.mediaPending ? message.mediaUrls.length : message.media.length),
    num_segments: String(message.numSegments),
    // The sandbox bills nothing; Twilio also shows null until the carrier reports a price.
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: message.status,
    subresource_uris: { media: uri.replace(/\.json$/, '/Media.json') },
    to: message.to,
    uri,
  };
}
