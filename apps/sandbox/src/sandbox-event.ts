import type { FaultRule } from './fault-rules.js';
import type { SandboxMessage } from './sandbox-message.js';
import type { SandboxNumber } from './sandbox-options.js';

/** Which of the sandbox's outgoing webhooks: inbound SMS to `sms_url`, or a delivery status callback. */
export type WebhookKind = 'inbound' | 'status';

/** One HTTP attempt at a webhook, as the sandbox saw it. */
export interface WebhookAttempt {
  kind: WebhookKind;
  messageSid: string;
  url: string;
  /** 1 for the first try; retries count up. A duplicate delivery (fault) counts as its own attempt. */
  attempt: number;
  ok: boolean;
  /** HTTP status of the answer; null when none came (timeout, refused, reset). */
  status: number | null;
  /** Why it failed (`timeout after 15000 ms`, `HTTP 500`, `connect ECONNREFUSED ...`); null when ok. */
  error: string | null;
  /** The form fields sent (what a receiver sees and what the signature covers). */
  params: Record<string, string>;
  signature: string;
  durationMs: number;
  at: Date;
}

/** A Twilio debugger alert, such as 11200 when a webhook fails (or 20500 when the sandbox itself failed). */
export interface SandboxAlert {
  /** `NO` + 32 hex, like Twilio's Monitor alerts. */
  sid: string;
  errorCode: number;
  messageSid: string;
  /** The webhook URL that failed; '' for 20500, a failure of the sandbox's own background work. */
  url: string;
  detail: string;
  dateCreated: Date;
}

/**
 * One request the media CDN got, headers and all, as it arrived: a test can prove that credentials sent to the
 * API's media URL never reached the CDN the API redirected to.
 */
export interface CdnRequest {
  method: string;
  /** Path and query, as requested. */
  url: string;
  /** Every request header, names in lower case, exactly as received. */
  headers: Record<string, string | string[] | undefined>;
  /** The status answered; null when the connection was dropped (fault) or closed before an answer. */
  status: number | null;
  /** The media served (or asked for); null when the path names none. */
  mediaSid: string | null;
  /** The injected fault that shaped the answer, if any. */
  fault: string | null;
  at: Date;
}

/** Everything the sandbox reports, to library subscribers and to the dev phone's event stream. */
export type SandboxEvent =
  | { type: 'message.created'; message: SandboxMessage }
  | { type: 'message.updated'; message: SandboxMessage }
  | { type: 'webhook.attempt'; attempt: WebhookAttempt }
  | { type: 'alert'; alert: SandboxAlert }
  | { type: 'opt-out.changed'; handset: string; scope: string; optedOut: boolean }
  | { type: 'faults.changed'; faults: FaultRule[] }
  | { type: 'numbers.changed'; numbers: SandboxNumber[] }
  | { type: 'cdn.request'; request: CdnRequest }
  | { type: 'reset' };

/** A listener of sandbox events. */
export type SandboxEventListener = (event: SandboxEvent) => void;

/** Fan-out of events to listeners; a throwing listener never breaks the sandbox or other listeners. */
export interface EventBus {
  emit(event: SandboxEvent): void;
  subscribe(listener: SandboxEventListener): () => void;
}

/** Creates an event bus. */
export function createEventBus(): EventBus {
  const listeners = new Set<SandboxEventListener>();
  return {
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A subscriber's bug is its own; the sandbox keeps serving everyone else.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
