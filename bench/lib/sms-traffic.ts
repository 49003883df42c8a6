/**
 * @module bench/lib/sms-traffic
 * Texts from the sandbox's handsets to a gateway, and the replies that come back, matched one to one: each text
 * has a unique body and the echo agent (or the fake model) answers `You said: <body>`. Says which acknowledged
 * texts got no reply (lost), which got more than one (duplicated), and whether each handset's replies came in the
 * order of its texts.
 */
import type { Sandbox } from '@sms-channel/sandbox';

export const REPLY_PREFIX = 'You said: ';

export interface SentText {
  from: string;
  body: string;
  /** performance.now() when the handset sent it. */
  at: number;
  /** The gateway's answer to the webhook (null: none, e.g. refused connection while it was down). */
  status: number | null;
}

export interface Reply {
  to: string;
  /** The text it answers. */
  answers: string;
  at: number;
}

export interface TrafficReport {
  sent: number;
  acknowledged: number;
  /** Acknowledged texts with at least one reply. */
  replied: number;
  /** Acknowledged texts without a reply. */
  lost: number;
  /** Texts answered more than once (each extra reply counted). */
  duplicated: number;
  /** Handsets whose replies did not come in the order of their texts. */
  outOfOrderSenders: number;
  /** Replies to texts that were never acknowledged (the gateway took them although its answer was lost). */
  repliedUnacknowledged: number;
  /** ms from a text to its first reply, sorted. */
  latencies: number[];
}

export interface SmsTraffic {
  readonly texts: readonly SentText[];
  readonly replies: readonly Reply[];
  /** A handset texts the gateway's number; resolves once the webhook was answered (or failed). */
  send(from: string, body: string): Promise<SentText>;
  /** First replies so far (texts answered at least once). */
  repliedCount(): number;
  report(): TrafficReport;
  close(): void;
}

export function createSmsTraffic(sandbox: Sandbox): SmsTraffic {
  const texts: SentText[] = [];
  const replies: Reply[] = [];
  const firstReply = new Map<string, number>();
  const unsubscribe = sandbox.subscribe((event) => {
    if (event.type !== 'message.created' || event.message.direction !== 'outbound-api') return;
    if (!event.message.body.startsWith(REPLY_PREFIX)) return;
    const answers = event.message.body.slice(REPLY_PREFIX.length);
    const at = performance.now();
    replies.push({ to: event.message.to, answers, at });
    if (!firstReply.has(answers)) firstReply.set(answers, at);
  });
  return {
    texts,
    replies,
    async send(from, body) {
      const text: SentText = { from, body, at: performance.now(), status: null };
      texts.push(text);
      try {
        const result = await sandbox.phones.send({ from, body });
        text.status = result.webhook?.attempts.at(-1)?.status ?? null;
      } catch {
        text.status = null;
      }
      return text;
    },
    repliedCount: () => firstReply.size,
    report() {
      const acknowledged = texts.filter((text) => text.status === 200);
      const counts = new Map<string, number>();
      for (const reply of replies) counts.set(reply.answers, (counts.get(reply.answers) ?? 0) + 1);
      let duplicated = 0;
      for (const count of counts.values()) duplicated += Math.max(0, count - 1);
      const latencies: number[] = [];
      let lost = 0;
      for (const text of acknowledged) {
        const at = firstReply.get(text.body);
        if (at === undefined) lost += 1;
        else latencies.push(at - text.at);
      }
      const acknowledgedBodies = new Set(acknowledged.map((text) => text.body));
      const repliedUnacknowledged = [...counts.keys()].filter((body) => !acknowledgedBodies.has(body)).length;
      return {
        sent: texts.length,
        acknowledged: acknowledged.length,
        replied: acknowledged.length - lost,
        lost,
        duplicated,
        outOfOrderSenders: outOfOrderSenders(texts, replies),
        repliedUnacknowledged,
        latencies: latencies.sort((a, b) => a - b),
      };
    },
    close: unsubscribe,
  };
}

/** Handsets whose first replies came in another order than their texts were sent. */
function outOfOrderSenders(texts: readonly SentText[], replies: readonly Reply[]): number {
  const order = new Map<string, number>();
  for (const [index, text] of texts.entries()) order.set(text.body, index);
  const lastBySender = new Map<string, number>();
  const seen = new Set<string>();
  const disordered = new Set<string>();
  for (const reply of replies) {
    if (seen.has(reply.answers)) continue;
    seen.add(reply.answers);
    const index = order.get(reply.answers);
    if (index === undefined) continue;
    const last = lastBySender.get(reply.to) ?? -1;
    if (index < last) disordered.add(reply.to);
    lastBySender.set(reply.to, Math.max(last, index));
  }
  return disordered.size;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
