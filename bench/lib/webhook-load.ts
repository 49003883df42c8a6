/**
 * @module bench/lib/webhook-load
 * The load generator of the gateway benchmarks, run as its own process (forked, IPC messages): N keep-alive
 * connections sending signed inbound-SMS webhooks with unique MessageSids, back to back (closed loop) or at a fixed
 * rate (open loop). Answers each job with the count of 200s, other statuses, every latency of the measured window,
 * the ids of its requests and of those not answered 200, and optionally per-window figures.
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
  /**
   * Distinct handsets the texts come from, in turn (one handset texts every `senders / rate` seconds), at most
   * 90,000. @default 1000
   */
  senders?: number;
  /**
   * End each Body with ` (ref <id>)`, the request's id (unique in this load process), so a reply that echoes the
   * text can be matched to it. @default false
   */
  tagBodies?: boolean;
  /** Open loop only: also report p50/p99/max and counts per window of this length (by scheduled time). */
  windowMs?: number;
}

/** One window of an open-loop job (`windowMs`): requests scheduled in it, warm-up included. */
export interface LoadWindow {
  ok: number;
  failed: number;
  /** Acknowledge latency of its 200s, ms (NaN when none). */
  p50: number;
  p99: number;
  max: number;
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
  /** Ids of the job's requests: `firstId`..`lastId`, consecutive (none when `lastId < firstId`). */
  firstId: number;
  lastId: number;
  /** Ids of the requests not answered 200, warm-up included. */
  refusedIds: number[];
  /** Per `windowMs` window, when asked. */
  windows?: LoadWindow[];
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

const MAX_SENDERS = 90_000;

/** Handset `index`: +1202555 1000..9999 first (the numbers of the default 1000), then exchanges 556, 557... */
function handset(index: number): string {
  return `+1202${555 + Math.floor(index / 9000)}${1000 + (index % 9000)}`;
}

function nextRequest(job: LoadJob): { id: number; body: string; signature: string } {
  counter += 1;
  const sid = `SM${prefix}${counter.toString(16).padStart(28, '0')}`;
  const params: Record<string, string> = {
    ...form,
    ...(job.tagBodies ? { Body: `${form.Body} (ref ${counter})` } : {}),
    MessageSid: sid,
    SmsSid: sid,
    SmsMessageSid: sid,
    AccountSid: job.accountSid,
    To: job.to,
    From: handset(counter % (job.senders ?? 1000)),
  };
  return {
    id: counter,
    body: new URLSearchParams(params).toString(),
    signature: computeSignature(job.authToken, job.signedUrl ?? job.url, params),
  };
}

function send(job: LoadJob, agent: Agent, refusedIds: number[]): Promise<number> {
  const { id, body, signature } = nextRequest(job);
  return new Promise<number>((resolve) => {
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
  }).then((status) => {
    if (status !== 200) refusedIds.push(id);
    return status;
  });
}

function percentileOf(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function checkJob(job: LoadJob): void {
  const senders = job.senders ?? 1000;
  if (!Number.isInteger(senders) || senders < 1 || senders > MAX_SENDERS) {
    throw new Error(`LoadJob.senders must be an integer from 1 to ${MAX_SENDERS}, got ${job.senders}`);
  }
  if (job.windowMs !== undefined && !(job.windowMs > 0 && job.ratePerSecond !== undefined)) {
    throw new Error(`LoadJob.windowMs must be > 0 and needs ratePerSecond, got ${job.windowMs}`);
  }
}

async function runPaced(job: LoadJob, rate: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: job.keepAlive ?? true, maxSockets: job.connections });
  const start = performance.now();
  const measureFrom = start + job.warmupMs;
  const end = measureFrom + job.durationMs;
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  // Requests in flight are counted, not kept: a 10-minute soak issues over a million of them.
  let inFlight = 0;
  let allAnswered: (() => void) | undefined;
  const refusedIds: number[] = [];
  const windowMs = job.windowMs;
  const windows: { ok: number; failed: number; latencies: number[] }[] = [];
  const firstId = counter + 1;
  let ok = 0;
  let okTotal = 0;
  let issued = 0;
  const fire = (scheduled: number) => {
    inFlight += 1;
    send(job, agent, refusedIds)
      .then((status) => {
        if (status === 200) okTotal += 1;
        if (windowMs !== undefined) {
          const index = Math.floor((scheduled - start) / windowMs);
          for (let i = windows.length; i <= index; i += 1) windows.push({ ok: 0, failed: 0, latencies: [] });
          const window = windows[index];
          if (window !== undefined && status === 200) {
            window.ok += 1;
            window.latencies.push(performance.now() - scheduled);
          } else if (window !== undefined) window.failed += 1;
        }
        if (scheduled < measureFrom) return;
        if (status === 200) {
          ok += 1;
          latencies.push(performance.now() - scheduled);
        } else failed[status] = (failed[status] ?? 0) + 1;
      })
      .finally(() => {
        inFlight -= 1;
        if (inFlight === 0) allAnswered?.();
      });
  };
  const total = Math.floor(((end - start) * rate) / 1000);
  while (performance.now() < end) {
    // Request i is due at start + i/rate: it goes out as soon as that moment has come, not one interval later
    // (issue 17: counting only whole intervals elapsed sent each request late while timing it from its due time).
    const due = Math.min(Math.floor(((performance.now() - start) * rate) / 1000) + 1, total);
    for (; issued < due; issued += 1) fire(start + (issued * 1000) / rate);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  if (inFlight > 0) {
    await new Promise<void>((resolve) => {
      allAnswered = resolve;
    });
  }
  agent.destroy();
  const result: LoadResult = {
    ok,
    okTotal,
    failed,
    ms: job.durationMs,
    latencies,
    firstId,
    lastId: counter,
    refusedIds,
  };
  if (windowMs === undefined) return result;
  result.windows = windows.map((window) => {
    const sorted = Float64Array.from(window.latencies).sort();
    const max = sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] ?? Number.NaN);
    return {
      ok: window.ok,
      failed: window.failed,
      p50: percentileOf(sorted, 50),
      p99: percentileOf(sorted, 99),
      max,
    };
  });
  return result;
}

async function run(job: LoadJob): Promise<LoadResult> {
  checkJob(job);
  if (job.ratePerSecond !== undefined) return runPaced(job, job.ratePerSecond);
  const refusedIds: number[] = [];
  const firstId = counter + 1;
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
      const status = await send(job, agent, refusedIds);
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
  return { ok, okTotal, failed, ms: job.durationMs, latencies, firstId, lastId: counter, refusedIds };
}

process.on('message', (job: LoadJob) => {
  run(job).then((result) => process.send?.(result));
});
process.on('disconnect', () => process.exit(0));
