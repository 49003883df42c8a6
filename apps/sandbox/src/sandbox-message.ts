import type { SmsEncoding } from '@sms-channel/sms-text';

/** Who created a message, in Twilio's words: REST sends, TwiML or opt-out replies, and handsets' texts. */
export type MessageDirection = 'inbound' | 'outbound-api' | 'outbound-reply';

/**
 * Twilio's message statuses the sandbox uses: an outbound message goes `accepted` (Messaging Service, sender not
 * chosen yet) -> `queued` -> `sent` -> `delivered` (or `undelivered` / `failed`); an inbound one is `received`.
 */
export type MessageStatus =
  | 'accepted'
  | 'queued'
  | 'sent'
  | 'delivered'
  | 'undelivered'
  | 'failed'
  | 'received';

/** The statuses after which nothing changes any more. */
export const FINAL_STATUSES: ReadonlySet<MessageStatus> = new Set([
  'delivered',
  'undelivered',
  'failed',
  'received',
]);

/** A piece of media Twilio stored for a message (its Media subresource, `ME` + 32 hex). */
export interface SandboxMessageMedia {
  sid: string;
  /** The media type without parameters, as the media was served or uploaded (`image/jpeg`). */
  contentType: string;
  /** Bytes. */
  size: number;
  /** The file name a handset attached it under, or the last segment of the URL it came from; null if none. */
  filename: string | null;
}

/** One message as the sandbox keeps it (the REST API shows it as Twilio's snake_case resource). */
export interface SandboxMessage {
  /** `SM` + 32 hex; `MM` + 32 hex for a message with media (Twilio's "Media Message SID"). */
  sid: string;
  accountSid: string;
  direction: MessageDirection;
  /** `null` while a Messaging Service has not picked a sender yet (status `accepted`). */
  from: string | null;
  to: string;
  body: string;
  /** The media URLs the message came with: the `MediaUrl`s of a REST send, or those a handset's media came from. */
  mediaUrls: string[];
  /** The media Twilio stored (fetched from `mediaUrls`, or uploaded by a handset), in order. */
  media: SandboxMessageMedia[];
  /** True while the `MediaUrl`s of an outbound message are still to be fetched. */
  mediaPending: boolean;
  /**
   * Sent as an SMS with links to its media instead of an MMS: Twilio's MMS Converter, for handsets outside the US
   * and Canada.
   */
  mmsConverted: boolean;
  /** Segments billed, by Twilio's GSM-7 / UCS-2 rules; 0 while a Messaging Service has not picked a sender. */
  numSegments: number;
  encoding: SmsEncoding;
  status: MessageStatus;
  errorCode: number | null;
  errorMessage: string | null;
  messagingServiceSid: string | null;
  /** The `StatusCallback` given at send time, if any. */
  statusCallback: string | null;
  dateCreated: Date;
  dateUpdated: Date;
  dateSent: Date | null;
}
