/**
 * @module bench/kill9-soak.stress
 * Crash soak (issue 13): texts flow from the sandbox's handsets to the built gateway while the gateway is killed
 * with SIGKILL at random moments and restarted on the same state directory, against a slow, 429-ing Twilio (the
 * sandbox: every Messages create waits 200-600 ms, a rate limit of 10/s answers 429 with Retry-After past it).
 * Webhooks that find the gateway down are retried by the sandbox as Twilio's connection overrides would (same
 * MessageSid). When the texts stop, the last gateway runs until every acknowledged text is answered (or
 * `STRESS_DRAIN_S`). Then: every acknowledged text must have exactly one reply (0 lost, 0 duplicated), and each
 * handset's replies must come in the order of its texts. Exits 1 when any of that fails.
 *
 * A reply part Twilio accepted just before a kill, but that the gateway had not recorded yet, used to be sent again
 * when the turn resumed (issue 13 item 6): a send intent is now stored before each request, and a part whose
 * intent has no SID is looked up in Twilio's Messages list before it is sent again, so this soak expects none.
 *
 * Run from the repo root after building: `node --import tsx bench/kill9-soak.stress.ts`
 * Env: STRESS_SECONDS (300), STRESS_RATE (10 texts/s), STRESS_SENDERS (50), STRESS_KILL_MIN_MS (2000),
 * STRESS_KILL_MAX_MS (8000), STRESS_DOWN_MS (500: how long the gateway stays down), STRESS_DRAIN_S (300),
 * STRESS_WORKERS (the gateway's default), STRESS_GATEWAY_DIST (apps/gateway/dist), STRESS_SEED.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox } from '@sms-channel/sandbox';
import { openStore } from '@sms-channel/store';
import {
  freePort,
  type GatewayProcess,
  startGatewayProcess,
  writeGatewayConfig,
} from './lib/gateway-process.js';
import { formatMachine } from './lib/machine.js';
import { createSmsTraffic, percentile } from './lib/sms-traffic.js';

const seconds = Number(process.env.STRESS_SECONDS ?? 300);
const rate = Number(process.env.STRESS_RATE ?? 10);
const senders = Number(process.env.STRESS_SENDERS ?? 50);
const killMinMs = Number(process.env.STRESS_KILL_MIN_MS ?? 2000);
const killMaxMs = Number(process.env.STRESS_KILL_MAX_MS ?? 8000);
const downMs = Number(process.env.STRESS_DOWN_MS ?? 500);
const drainSeconds = Number(process.env.STRESS_DRAIN_S ?? 300);
const workers = process.env.STRESS_WORKERS === undefined ? undefined : Number(process.env.STRESS_WORKERS);
const dist = process.env.STRESS_GATEWAY_DIST;
let seed = Number(process.env.STRESS_SEED ?? Date.now() % 2 ** 31);

/** A small seeded generator (mulberry32), so a run's kill times can be replayed with STRESS_SEED. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const handset = (i: number) => `+1202556${String(1000 + (i % senders)).padStart(4, '0')}`;

async function main(): Promise<void> {
  const startSeed = seed;
  const dir = mkdtempSync(join(tmpdir(), 'sms-kill9-soak-'));
  const port = await freePort();
  const sandbox = createSandbox({
    deliveryDelayMs: 200,
    webhookUrl: `http://127.0.0.1:${port}/webhooks/sms`,
    webhookRetries: 3,
    webhookRetryDelayMs: 1000,
  });
  await sandbox.start();
  sandbox.admin.addFault({ route: 'messages.create', kind: 'latency', ms: 200, jitterMs: 400 });
  sandbox.admin.addFault({
    route: 'messages.create',
    kind: 'rate-limit',
    perSecond: 10,
    burst: 10,
    retryAfterSeconds: 1,
  });
  const configFile = writeGatewayConfig({
    dir,
    port,
    sms: { twilioApiBaseUrl: sandbox.url, dmPolicy: 'open', allowFrom: ['*'] },
    // A short lease: messages in progress at a kill are picked up again soon after the restart.
    gateway: { claimLeaseMs: 3000, logLevel: 'info', ...(workers === undefined ? {} : { workers }) },
  });
  const log = join(dir, 'gateway.log');
  const start = () => startGatewayProcess({ configFile, log, ...(dist === undefined ? {} : { dist }) });
  let gateway: GatewayProcess = await start();

  let kills = 0;
  let texting = true;
  const killer = (async () => {
    while (texting) {
      await sleep(killMinMs + random() * (killMaxMs - killMinMs));
      if (!texting) break;
      await gateway.kill9();
      kills += 1;
      await sleep(downMs);
      gateway = await start();
    }
  })();

  const traffic = createSmsTraffic(sandbox);
  const chains = new Map<string, Promise<unknown>>();
  const began = performance.now();
  const total = rate * seconds;
  for (let i = 0; i < total; i += 1) {
    const wait = began + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const from = handset(i);
    chains.set(
      from,
      (chains.get(from) ?? Promise.resolve()).then(() => traffic.send(from, `k${startSeed}-${i}`)),
    );
  }
  await Promise.all(chains.values());
  texting = false;
  await killer;
  const acknowledged = traffic.texts.filter((text) => text.status === 200).length;
  const drainFrom = performance.now();
  while (performance.now() - drainFrom < drainSeconds * 1000 && traffic.repliedCount() < acknowledged) {
    await sleep(250);
  }
  // Late duplicates of a resumed turn arrive after the last first reply: give them a moment.
  await sleep(3000);
  await gateway.stop();
  const report = traffic.report();
  traffic.close();
  await sandbox.stop();
  const store = await openStore(join(dir, 'state', 'store.db'));
  const deadLetters = await store.listDeadLetters();
  const counts = await store.countInbound();
  await store.close();

  console.log(`Machine: ${formatMachine()}`);
  console.log(
    `${seconds} s of ${rate} texts/s from ${senders} handsets; kill -9 every ${killMinMs}-${killMaxMs} ms ` +
      `(down ${downMs} ms), seed ${startSeed}; Twilio create 200-600 ms, 429 past 10/s; webhook retries 3`,
  );
  console.log(
    `kills: ${kills}; texts sent: ${report.sent}, acknowledged: ${report.acknowledged}, replied: ${report.replied}; ` +
      `lost: ${report.lost}, duplicated: ${report.duplicated}, out-of-order handsets: ${report.outOfOrderSenders}; ` +
      `answered without an acknowledgement: ${report.repliedUnacknowledged}; dead letters: ${deadLetters.length}; ` +
      `queue at the end: ${JSON.stringify(counts)}`,
  );
  console.log(
    `text to reply: p50 ${(percentile(report.latencies, 50) / 1000).toFixed(1)} s, ` +
      `p99 ${(percentile(report.latencies, 99) / 1000).toFixed(1)} s`,
  );
  if (report.lost > 0 || report.duplicated > 0 || report.outOfOrderSenders > 0) {
    console.log(`FAILED (gateway log kept in ${log})`);
    process.exitCode = 1;
  } else rmSync(dir, { recursive: true, force: true });
}

await main();
