import type { SandboxMedia } from './media-store.js';
import { API_VERSION } from './message-resource.js';
import { formatTwilioDate } from './twilio-date.js';

/** Twilio's Media resource (a Message's Media subresource), as its 2010-04-01 JSON API writes it. */
export interface MediaResource {
  account_sid: string;
  content_type: string;
  date_created: string;
  date_updated: string;
  parent_sid: string;
  sid: string;
  uri: string;
}

/**
 * The path of a piece of media's content, relative to the API host: what inbound webhooks send as `MediaUrlN`
 * (`https://api.twilio.com/2010-04-01/Accounts/AC.../Messages/MM.../Media/ME...`, no extension). The same path
 * with `.json` is its JSON resource.
 */
export function mediaContentPath(accountSid: string, messageSid: string, mediaSid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}/Messages/${messageSid}/Media/${mediaSid}`;
}

/** Renders stored media as Twilio's JSON Media resource. */
export function toMediaResource(media: SandboxMedia): MediaResource {
  return {
    account_sid: media.accountSid,
    content_type: media.contentType,
    date_created: formatTwilioDate(media.dateCreated),
    date_updated: formatTwilioDate(media.dateUpdated),
    parent_sid: media.parentSid,
    sid: media.sid,
    uri: `${mediaContentPath(media.accountSid, media.parentSid, media.sid)}.json`,
  };
}
