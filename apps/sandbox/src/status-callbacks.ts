import { latencyOf } from './fault-rules.js';
import { API_VERSION } from './message-resource.js';
import type { SandboxContext } from './sandbox-context.js';
import type { SandboxMessage } from './sandbox-message.js';
import { sendWebhook } from './send-webhook.js';
import { formatDlrDoneDate } from './twilio-date.js';

/**
 * The form fields of Twilio's SMS status callback: the message's identity (`MessageSid` and its legacy alias
 * `SmsSid`), `MessageStatus` (and legacy `SmsStatus`), the two numbers, plus `ErrorCode` when it failed and the
 * carrier's `RawDlrDoneDate` once it is final.
 */
export function statusCallbackParams(message: SandboxMessage, now: Date): Record<string, string> {
  const params: Record<string, string> = {
    SmsSid: message.sid,
    SmsStatus: message.status,
    MessageStatus: message.status,
    To: message.to,
    MessageSid: message.sid,
    AccountSid: message.accountSid,
    From: message.from ?? '',
    ApiVersion: API_VERSION,
  };
  if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
  if (message.errorCode !== null) params.ErrorCode = String(message.errorCode);
  if (message.status === 'delivered' || message.status === 'undelivered') {
    params.RawDlrDoneDate = formatDlrDoneDate(now);
  }
  return params;
}

/** Sends one message's status callbacks one after another, in order or (fault `out-of-order`) newest first. */
export interface StatusCallbackChain {
  /** Queues the callback for the message's current state (nothing when it has no `StatusCallback`). */
  push(message: SandboxMessage): void;
  /** Resolves once every queued callback was sent. */
  flush(): Promise<void>;
}

/** Creates the chain for one message. */
export function createStatusCallbackChain(context: SandboxContext, outOfOrder: boolean): StatusCallbackChain {
  let chain: Promise<void> = Promise.resolve();
  const held: Array<Record<string, string>> = [];
  const send = (message: Pick<SandboxMessage, 'sid' | 'statusCallback'>, params: Record<string, string>) => {
    chain = chain.then(async () => {
      if (!message.statusCallback) return;
      const faults = context.faults.take('webhook.status', ['latency', 'duplicate']);
      const latency = faults.find((fault) => fault.kind === 'latency');
      await sendWebhook(context, {
        kind: 'status',
        url: message.statusCallback,
        messageSid: message.sid,
        params,
        // Twilio does not retry status callbacks unless the URL's `#rc=` override asks it to.
        retries: 0,
        duplicate: faults.some((fault) => fault.kind === 'duplicate'),
        latencyMs: latencyOf(latency),
      });
    });
  };
  let last: SandboxMessage | undefined;
  return {
    push(message) {
      if (!message.statusCallback) return;
      last = message;
      const params = statusCallbackParams(message, context.options.now());
      if (outOfOrder) held.push(params);
      else send(message, params);
    },
    async flush() {
      if (last) for (const params of held.reverse()) send(last, params);
      held.length = 0;
      await chain;
    },
  };
}
