import { countSegments } from '@sms-channel/sms-text';

/** What a message bills: an MMS is one message whatever its length; an SMS counts by Twilio's segment rules. */
export function segmentsOf(text: string, isMms: boolean): number {
  return isMms ? 1 : countSegments(text).segments;
}
