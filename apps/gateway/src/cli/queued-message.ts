import type { DeadLetter, QueuedInbound, StoredInbound } from '@sms-channel/store';
import { readInboundMessage } from '@sms-channel/twilio-messaging';

/** What the queue commands show of a message, whatever its state (the webhook's fields, read defensively). */
export interface MessageSummary {
  accountId: string;
  messageSid: string;
  from: string | null;
  to: string | null;
  body: string;
  numMedia: number;
  /** Claims so far. */
  attempts: number;
  /** ISO 8601. */
  admittedAt: string;
}

/** A waiting or in-progress message as `queue list --json` prints it. */
export interface QueuedSummary extends MessageSummary {
  state: 'waiting' | 'in-progress';
  /** Waiting: when a worker may take it (ISO 8601; later than now while it waits for a retry). */
  availableAt: string | null;
  /** In progress: when the worker's claim lapses (ISO 8601). */
  leaseUntil: string | null;
  /** Why its last attempt failed, or why it was deferred. */
  lastError: string | null;
}

/** A dead letter as `queue list --dead --json` prints it. */
export interface DeadSummary extends MessageSummary {
  /** ISO 8601. */
  deadLetteredAt: string;
  reason: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function summarize(message: StoredInbound): MessageSummary {
  const form = readInboundMessage(message.payload);
  return {
    accountId: message.accountId,
    messageSid: message.messageSid,
    from: form.from ?? message.sender,
    to: form.to ?? null,
    body: form.body,
    numMedia: form.media.length,
    attempts: message.attempts,
    admittedAt: new Date(message.admittedAt).toISOString(),
  };
}

export function summarizeQueued(message: QueuedInbound): QueuedSummary {
  return {
    ...summarize(message),
    state: message.state === 'claimed' ? 'in-progress' : 'waiting',
    availableAt: iso(message.availableAt),
    leaseUntil: iso(message.leaseUntil),
    lastError: message.lastError,
  };
}

export function summarizeDead(message: DeadLetter): DeadSummary {
  return {
    ...summarize(message),
    deadLetteredAt: new Date(message.deadLetteredAt).toISOString(),
    reason: message.reason,
  };
}

/** The text of a message in one table cell: one line, at most `max` characters, media counted. */
export function excerpt(summary: MessageSummary, max = 30): string {
  const text = summary.body.replace(/\s+/g, ' ').trim();
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  const media = summary.numMedia === 0 ? '' : ` [${summary.numMedia} media]`;
  return `${cut}${media}`.trim();
}
