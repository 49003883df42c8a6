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

/** One message as the sandbox keeps it (the REST API shows it as Twilio's snake_case resource). */
export interface SandboxMessage {
  /** `SM` + 32 hex. */
  sid: string;
  accountSid: string;
  direction: MessageDirection;
  /** `null` while a Messaging Service has not picked a sender yet (status `accepted`). */
  from: string | null;
  to: string;
  body: string;
  mediaUrls: string[];
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
