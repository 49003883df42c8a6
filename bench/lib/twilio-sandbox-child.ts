/**
 * @module bench/lib/twilio-sandbox-child
 * The sandbox playing Twilio in its own process (forked by `twilio-sandbox-process.ts`), so its CPU and its memory
 * (it keeps every message: over a million in a 10-minute soak) stay out of the benchmark's own process. Counts the
 * replies it is asked to send, matched to the texts they echo by the ` (ref <id>)` tag of `webhook-load.ts`, and
 * the status callbacks it posts; answers `stats` and `check` messages over IPC.
 */
import { createSandbox } from '@sms-channel/sandbox';
import type { SandboxChildReply, SandboxChildRequest } from './twilio-sandbox-process.js';

const REF = /^You said: .* \(ref (\d+)\)$/s;

const options = JSON.parse(process.argv[2] ?? '{}') as { deliveryDelayMs?: number };
const sandbox = createSandbox({ ...(options.deliveryDelayMs === undefined ? {} : options) });
await sandbox.start();

/** Replies per text id (saturating at 255). */
let replies = new Uint8Array(1 << 20);
const stats = {
  outbound: 0,
  firstReplies: 0,
  untagged: 0,
  statusCallbacksOk: 0,
  statusCallbacksFailed: 0,
  finalCallbacks: 0,
};

sandbox.subscribe((event) => {
  if (event.type === 'message.created' && event.message.direction === 'outbound-api') {
    stats.outbound += 1;
    const id = Number(REF.exec(event.message.body)?.[1] ?? Number.NaN);
    if (!Number.isSafeInteger(id)) {
      stats.untagged += 1;
      return;
    }
    if (id >= replies.length) {
      const grown = new Uint8Array(Math.max(id + 1, replies.length * 2));
      grown.set(replies);
      replies = grown;
    }
    if (replies[id] === 0) stats.firstReplies += 1;
    replies[id] = Math.min(255, (replies[id] ?? 0) + 1);
  } else if (event.type === 'webhook.attempt' && event.attempt.kind === 'status') {
    if (event.attempt.ok) stats.statusCallbacksOk += 1;
    else stats.statusCallbacksFailed += 1;
    const status = event.attempt.params.MessageStatus;
    if (status === 'delivered' || status === 'undelivered' || status === 'failed') stats.finalCallbacks += 1;
  }
});

function check(ranges: [number, number][], refused: number[]): SandboxChildReply {
  const expected = new Uint8Array(replies.length);
  const refusedSet = new Set(refused);
  let count = 0;
  let lost = 0;
  const lostSample: number[] = [];
  for (const [first, last] of ranges) {
    for (let id = first; id <= last; id += 1) {
      if (refusedSet.has(id)) continue;
      count += 1;
      if (id < expected.length) expected[id] = 1;
      if ((replies[id] ?? 0) === 0) {
        lost += 1;
        if (lostSample.length < 10) lostSample.push(id);
      }
    }
  }
  let duplicated = 0;
  let unexpected = 0;
  for (let id = 0; id < replies.length; id += 1) {
    const n = replies[id] ?? 0;
    if (n > 1) duplicated += n - 1;
    if (n > 0 && expected[id] === 0) unexpected += 1;
  }
  return { type: 'check', expected: count, lost, duplicated, unexpected, lostSample };
}

process.on('message', (request: SandboxChildRequest) => {
  if (request.type === 'stats') process.send?.({ type: 'stats', ...stats } satisfies SandboxChildReply);
  else if (request.type === 'check') process.send?.(check(request.ranges, request.refused));
});
process.on('disconnect', () => {
  sandbox.stop().then(() => process.exit(0));
});
process.send?.({ type: 'ready', url: sandbox.url } satisfies SandboxChildReply);
