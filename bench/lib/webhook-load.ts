/**
 * @module bench/lib/webhook-load
 * The load generator of `bench/gateway.bench.ts`, run as its own process (forked, IPC messages): N keep-alive
 * connections, each sending signed inbound-SMS webhooks with unique MessageSids back to back. Answers each job
 * with the count of 200s, other statuses and every latency of the measured window.
 */
import { Agent, request } from 'node:http';
import { computeSignature } from '@sms-channel/twilio-signature';

export interface LoadJob {
  url: string;
  /** The URL signed, when the target sits behind a proxy (its `publicWebhookUrl`). @default url */
  signedUrl?: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  authToken: string;
  accountSid: string;
  to: string;
  /**
   * Open loop: send at this fixed rate whatever the answers (latency counted from each request's scheduled
   * time, so a stalled server is not hidden by fewer requests being sent). Closed loop (each connection sends
   * its next request when the previous one is answered) when unset.
   */
  ratePerSecond?: number;
  /**
   * Open a new connection for every request (as a proxy without a connection pool does) instead of keeping
   * `connections` alive. @default true
   */
  keepAlive?: boolean;
  /**
   * Send the body this long after the head, as when the body's TCP segment is delayed (a long path, a lost
   * segment resent). @default 0 (head and body in one write)
   */
  bodyDelayMs?: number;
}

export interface LoadResult {
  /** 200s in the measured window. */
  ok: number;
  /** 200s including the warm-up (every message the target admitted). */
  okTotal: number;
  failed: Record<string, number>;
  ms: number;
  /** Milliseconds, one per request answered 200 in the measured window. */
  latencies: number[];
}

const form = {
  ToCountry: 'US',
  ToState: 'DC',
  NumMedia: '0',
  ToCity: 'WASHINGTON',
  FromState: 'CA',
  SmsStatus: 'received',
  Body: "Hi! Can you summarise today's agenda and remind me what I promised to send Sam by Friday? Thanks",
  FromCountry: 'US',
  NumSegments: '1',
  ApiVersion: '2010-04-01',
};

let counter = 0;
const prefix = (process.pid % 0xffff).toString(16).padStart(4, '0');

function nextRequest(job: LoadJob): { body: string; signature: string } {
  counter += 1;
  const sid = `SM${prefix}${counter.toString(16).padStart(28, '0')}`;
  const params: Record<string, string> = {
    ...form,
    MessageSid: sid,
    SmsSid: sid,
    SmsMessageSid: sid,
    AccountSid: job.accountSid,
    To: job.to,
    From: `+1202555${String(1000 + (counter % 1000))}`,
  };
  return {
    body: new URLSearchParams(params).toString(),
    signature: computeSignature(job.authToken, job.signedUrl ?? job.url, params),
  };
}

function send(job: LoadJob, agent: Agent): Promise<number> {
  const { body, signature } = nextRequest(job);
  return new Promise((resolve) => {
    const req = request(
      job.url,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
          'X-Twilio-Signature': signature,
        },
      },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    if (!job.bodyDelayMs) {
      req.end(body);
      return;
    }
    req.flushHeaders();
    setTimeout(() => req.end(body), job.bodyDelayMs);
  });
}

async function runPaced(job: LoadJob, rate: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: job.keepAlive ?? true, maxSockets: job.connections });
  const start = performance.now();
  const measureFrom = start + job.warmupMs;
  const end = measureFrom + job.durationMs;
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  const pending: Promise<void>[] = [];
  let ok = 0;
  let okTotal = 0;
  let issued = 0;
  const fire = (scheduled: number) => {
    pending.push(
      send(job, agent).then((status) => {
        if (status === 200) okTotal += 1;
        if (scheduled < measureFrom) return;
        if (status === 200) {
          ok += 1;
          latencies.push(performance.now() - scheduled);
        } else failed[status] = (failed[status] ?? 0) + 1;
      }),
    );
  };
  const total = Math.floor(((end - start) * rate) / 1000);
  while (performance.now() < end) {
    // Request i is due at start + i/rate: it goes out as soon as that moment has come, not one interval later
    // (issue 17: counting only whole intervals elapsed sent each request late while timing it from its due time).
    const due = Math.min(Math.floor(((performance.now() - start) * rate) / 1000) + 1, total);
    for (; issued < due; issued += 1) fire(start + (issued * 1000) / rate);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  agent.destroy();
  return { ok, okTotal, failed, ms: job.durationMs, latencies };
}

async function run(job: LoadJob): Promise<LoadResult> {
  if (job.ratePerSecond !== undefined) return runPaced(job, job.ratePerSecond);
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const start = performance.now();
  const measureFrom = start + job.warmupMs;
  const end = measureFrom + job.durationMs;
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  let ok = 0;
  let okTotal = 0;
  const connection = async () => {
    for (;;) {
      const sent = performance.now();
      if (sent >= end) return;
      const status = await send(job, agent);
      if (status === 200) okTotal += 1;
      if (sent < measureFrom) continue;
      if (status === 200) {
        ok += 1;
        latencies.push(performance.now() - sent);
      } else failed[status] = (failed[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: job.connections }, connection));
  agent.destroy();
  return { ok, okTotal, failed, ms: job.durationMs, latencies };
}

process.on('message', (job: LoadJob) => {
  run(job).then((result) => process.send?.(result));
});
process.on('disconnect', () => process.exit(0));
