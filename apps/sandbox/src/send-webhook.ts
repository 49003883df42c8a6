import { randomUUID } from 'node:crypto';
import { readConnectionOverrides } from './connection-overrides.js';
import { recordAlert, remember, type SandboxContext } from './sandbox-context.js';
import type { WebhookAttempt, WebhookKind } from './sandbox-event.js';
import { postSignedForm, type SignedFormOutcome } from './webhook-sender.js';

/** A webhook to send: inbound SMS or status callback, with its fault decisions already taken. */
export interface WebhookDelivery {
  kind: WebhookKind;
  url: string;
  messageSid: string;
  params: Record<string, string>;
  /** Extra attempts after a failure. */
  retries: number;
  /** Send the first attempt twice, concurrently (a duplicate delivery). */
  duplicate: boolean;
  /** Wait this long before sending. */
  latencyMs: number;
}

/** Every attempt made, and the first successful answer (its body may hold TwiML). */
export interface WebhookResult {
  url: string;
  ok: boolean;
  attempts: WebhookAttempt[];
  answer: SignedFormOutcome | null;
}

/**
 * Sends a webhook as Twilio does: signed with the account's auth token, within the webhook timeout, retried
 * with the same parameters (so the same `MessageSid`) and idempotency token. Each failed attempt is recorded as
 * error 11200, Twilio's "HTTP retrieval failure".
 */
export async function sendWebhook(
  context: SandboxContext,
  delivery: WebhookDelivery,
): Promise<WebhookResult> {
  const overrides = readConnectionOverrides(delivery.url);
  const retries = overrides.retries ?? delivery.retries;
  const timeoutMs = overrides.timeoutMs ?? context.options.webhookTimeoutMs;
  const idempotencyToken = randomUUID();
  const attempts: WebhookAttempt[] = [];
  let answer: SignedFormOutcome | null = null;
  if (delivery.latencyMs > 0) await context.tasks.sleep(delivery.latencyMs);
  for (let round = 0; round <= retries && answer === null; round += 1) {
    if (round > 0) await context.tasks.sleep(context.options.webhookRetryDelayMs);
    const copies = round === 0 && delivery.duplicate ? 2 : 1;
    const post = () =>
      postSignedForm({
        url: delivery.url,
        params: delivery.params,
        authToken: context.options.authToken,
        timeoutMs,
        idempotencyToken,
        signal: context.tasks.signal,
      });
    const outcomes = await Promise.all(Array.from({ length: copies }, post));
    for (const outcome of outcomes) {
      attempts.push(record(context, delivery, attempts.length + 1, outcome));
      if (outcome.ok && answer === null) answer = outcome;
    }
  }
  return { url: delivery.url, ok: answer !== null, attempts, answer };
}

function record(
  context: SandboxContext,
  delivery: WebhookDelivery,
  attemptNumber: number,
  outcome: SignedFormOutcome,
): WebhookAttempt {
  const now = context.options.now();
  const attempt: WebhookAttempt = {
    kind: delivery.kind,
    messageSid: delivery.messageSid,
    url: delivery.url,
    attempt: attemptNumber,
    ok: outcome.ok,
    status: outcome.status,
    error: outcome.error,
    params: { ...delivery.params },
    signature: outcome.signature,
    durationMs: outcome.durationMs,
    at: now,
  };
  remember(context.webhookAttempts, attempt);
  context.events.emit({ type: 'webhook.attempt', attempt });
  if (!outcome.ok) {
    recordAlert(context, {
      errorCode: 11200,
      messageSid: delivery.messageSid,
      url: delivery.url,
      detail: outcome.error ?? 'failed',
      dateCreated: now,
    });
  }
  return attempt;
}
