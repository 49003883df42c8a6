/**
 * @module bench/gateway-replying
 * Issue 17: the standalone gateway's acknowledge latency and memory with its workers replying, not only ingesting.
 *
 * Four targets, each its own process, all started at once: "bare node:http" (`lib/bare-twiml-server.mjs`: reads
 * the body, answers empty TwiML; the baseline), the gateway with `workers: 0` (acknowledge and queue only), and
 * two gateways with the default workers (64) and the echo agent, replying through the sandbox playing Twilio in its
 * own process (real REST sends; signed status callbacks queued -> sent -> delivered coming back to the gateway's
 * webhook, as Twilio sends them): one as shipped (the turn limit that keeps acknowledgements first) and one with
 * `turnLimit: false` (every worker claims as fast as it can: the gateway before the limit). The gateways have the route rate guard lifted (as in `gateway.bench.ts`) so
 * it cannot cap the measurement; status callbacks come on top of the offered texts (3 per reply).
 *
 * Load (`lib/webhook-load.ts`, its own process): open loop at BENCH_RATE signed inbound texts/s, latency counted
 * from each request's scheduled time, over BENCH_CONNECTIONS keep-alive connections. Texts come from
 * BENCH_SENDERS handsets in turn; the default, 6 x the rate (12,000 at 2,000/s), makes each handset text every 6 s
 * (10 a minute), under the gateway's per-sender pacing of 12 turns a minute, so pacing does not hold replies back
 * (with 2,000 handsets each would text 60 times a minute and 4 of 5 turns would be deferred). Each text's body
 * carries a unique ` (ref <id>)` tag that the echo reply repeats, so replies are matched to texts.
 *
 * Phase A (latency): BENCH_ROUNDS rounds of one BENCH_SLICE_S slice per target, the order rotating each round;
 * after a slice on a replying gateway its backlog is drained (every acknowledged text answered and its final
 * status callback posted) before the next slice, so draining never runs under another target's slice. The p99 of
 * each second of each slice is printed too (a tail at the start of a slice reads differently from a steady one).
 * Phase B (soak): the replying gateway (turn limit) alone at BENCH_SOAK_RATE for BENCH_SOAK_S (a rate this
 * machine answers as it comes: at 2,000/s the backlog would grow by ~1,900 texts/s and could not be drained), its RSS sampled every 5 s
 * (from /proc) and its heap (from a preloaded probe, `lib/gateway-memory-probe.mjs`), a forced full GC at the end
 * of each minute for the heap used after GC (BENCH_GC=0: none; its pause is printed); then BENCH_IDLE_S with no
 * load. Then the backlog is drained (at most BENCH_DRAIN_S) and every acknowledged text must have exactly one reply.
 *
 * Run from the repo root after building: `node --import tsx bench/gateway-replying.bench.ts`
 * Env: BENCH_RATE (2000), BENCH_SOAK_RATE (200), BENCH_SENDERS (6 x rate), BENCH_CONNECTIONS (64), BENCH_ROUNDS (3), BENCH_SLICE_S (20),
 * BENCH_SOAK_S (600), BENCH_IDLE_S (60), BENCH_DRAIN_S (300), BENCH_GC (1), BENCH_CPU_PROF (0: 1 writes a
 * --cpu-prof of the replying gateway into BENCH_CPU_PROF_DIR, default the temp dir, kept).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  DEFAULT_GATEWAY_DIST,
  freePort,
  type GatewayProcess,
  NUMBER,
  processRssMiB,
  startGatewayProcess,
  writeGatewayConfig,
} from './lib/gateway-process.js';
import { formatMachine } from './lib/machine.js';
import { processCpuMs } from './lib/process-cpu.js';
import { startTwilioSandboxProcess, type TwilioSandboxProcess } from './lib/twilio-sandbox-process.js';
import type { LoadJob, LoadResult, LoadWindow } from './lib/webhook-load.js';

const rate = Number(process.env.BENCH_RATE ?? 2000);
/** The soak's rate: one the machine can answer as fast as it comes, so the backlog (and the check) stays bounded. */
const soakRate = Number(process.env.BENCH_SOAK_RATE ?? 200);
const senders = Number(process.env.BENCH_SENDERS ?? Math.min(90_000, Math.ceil(rate * 6)));
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const sliceS = Number(process.env.BENCH_SLICE_S ?? 20);
const soakS = Number(process.env.BENCH_SOAK_S ?? 600);
const idleS = Number(process.env.BENCH_IDLE_S ?? 60);
const drainS = Number(process.env.BENCH_DRAIN_S ?? 300);
const forcedGc = process.env.BENCH_GC !== '0';
const cpuProf = process.env.BENCH_CPU_PROF === '1';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TARGETS = ['bare', 'ingest', 'unlimited', 'replying'] as const;
type Target = (typeof TARGETS)[number];
/** The targets that reply: their texts are drained after each slice and checked for exactly one reply. */
const REPLYING: readonly Target[] = ['unlimited', 'replying'];
const LABEL: Record<Target, string> = {
  bare: 'bare node:http',
  ingest: 'gateway, workers 0',
  unlimited: 'gateway, 64 workers replying, no turn limit',
  replying: 'gateway, 64 workers replying (default: turn limit)',
};

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '-';
const load1 = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Least-squares slope of `y` over `x`. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return num / den;
}

interface Bare {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

async function startBare(): Promise<Bare> {
  const child = spawn(process.execPath, [here('./lib/bare-twiml-server.mjs'), '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const match = /^listening (\S+)/.exec(line);
      if (match) resolve(match[1] ?? '');
    });
    child.once('exit', () => reject(new Error('the bare server exited before listening')));
  });
  return {
    child,
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A directory of its own per gateway: each has its own store (`<dir>/state`). */
function mkdirIn(parent: string, name: string): string {
  const path = join(parent, name);
  mkdirSync(path);
  return path;
}

interface MemoryRecord {
  kind: 'sample' | 'gc';
  at: number;
  rss: number;
  heapUsed: number;
  pauseMs?: number;
}

function readProbe(file: string): MemoryRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as MemoryRecord);
}

/** Every process this run started: killed if the run stops half-way (an error, Ctrl-C, a timeout's SIGTERM). */
const children: number[] = [];
function killChildren(): void {
  for (const pid of children) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killChildren();
    process.exit(130);
  });
}

async function main(): Promise<void> {
  if (!existsSync(join(DEFAULT_GATEWAY_DIST, 'start-gateway.js'))) {
    throw new Error('build first: scripts/pnpm run build');
  }
  console.log(`Machine: ${formatMachine()}; load average at start ${load1()}`);
  console.log(
    `offered ${fmt(rate)} texts/s (open loop, ${connections} keep-alive connections) from ${fmt(senders)} handsets ` +
      `(each every ${fmt(senders / rate, 1)} s); phase A ${rounds} x ${sliceS} s per target; soak ${soakS} s at ${fmt(soakRate)}/s + ${idleS} s idle`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'sms-gateway-replying-'));
  const sandbox: TwilioSandboxProcess = await startTwilioSandboxProcess({});
  children.push(sandbox.pid);
  // The route guard (5,000/s) is lifted, as in gateway.bench.ts: it must not cap the measurement.
  const limits = { routeRatePerSecond: 1_000_000, routeBurst: 1_000_000 };
  const sms = { twilioApiBaseUrl: sandbox.url, dmPolicy: 'open', allowFrom: ['*'] };
  const probeFile = join(dir, 'replying-memory.jsonl');
  const ingestPort = await freePort();
  const replyingPort = await freePort();
  const unlimitedPort = await freePort();
  const bare = await startBare();
  /** A gateway of its own (store, config and log under `<dir>/<name>`), the route guard lifted. */
  const startTarget = (
    name: string,
    port: number,
    gateway: Record<string, unknown>,
    more: Omit<Parameters<typeof startGatewayProcess>[0], 'configFile' | 'log'> = {},
  ): Promise<GatewayProcess> =>
    startGatewayProcess({
      configFile: writeGatewayConfig({
        dir: mkdirIn(dir, name),
        port,
        sms,
        gateway: { ...gateway, limits, logLevel: 'info' },
      }),
      log: join(dir, `${name}.log`),
      ...more,
    });
  const ingest = await startTarget('ingest', ingestPort, { workers: 0 });
  const profDir = process.env.BENCH_CPU_PROF_DIR ?? dir;
  const replying = await startTarget(
    'replying',
    replyingPort,
    {},
    {
      nodeArgs: [
        '--expose-gc',
        '--import',
        `${pathToFileURL(here('./lib/gateway-memory-probe.mjs')).href}?out=${encodeURIComponent(probeFile)}`,
        ...(cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []),
      ],
    },
  );
  const unlimited = await startTarget('unlimited', unlimitedPort, {}, { startOptions: { turnLimit: false } });
  children.push(bare.child.pid ?? 0, ingest.pid, replying.pid, unlimited.pid);
  const urls: Record<Target, string> = {
    bare: `${bare.url}/webhooks/sms`,
    ingest: `${ingest.url}/webhooks/sms`,
    unlimited: `${unlimited.url}/webhooks/sms`,
    replying: `${replying.url}/webhooks/sms`,
  };
  const pids: Record<Target, number> = {
    bare: bare.child.pid ?? 0,
    ingest: ingest.pid,
    unlimited: unlimited.pid,
    replying: replying.pid,
  };
  await sleep(1000);
  console.log(
    `RSS idle (MiB): bare ${fmt(processRssMiB(pids.bare), 1)}, workers 0 ${fmt(processRssMiB(pids.ingest), 1)}, ` +
      `replying ${fmt(processRssMiB(pids.replying), 1)}, no turn limit ${fmt(processRssMiB(pids.unlimited), 1)}`,
  );

  const loader = fork(here('./lib/webhook-load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  children.push(loader.pid ?? 0);
  const loaderExited = new Promise<never>((_, reject) =>
    loader.once('exit', (code) => reject(new Error(`the load generator exited (${code})`))),
  );
  loaderExited.catch(() => {});
  const runJob = (job: Omit<LoadJob, 'authToken' | 'accountSid' | 'to' | 'connections' | 'senders'>) =>
    Promise.race([
      new Promise<LoadResult>((resolve) => {
        loader.once('message', (result) => resolve(result as LoadResult));
        loader.send({
          ...job,
          connections,
          senders,
          tagBodies: true,
          authToken: AUTH_TOKEN,
          accountSid: ACCOUNT_SID,
          to: NUMBER,
        } satisfies LoadJob);
      }),
      loaderExited,
    ]);
  const replyingRanges: [number, number][] = [];
  const replyingRefused: number[] = [];
  let replyingAcked = 0;
  const noteReplying = (result: LoadResult) => {
    if (result.lastId >= result.firstId) replyingRanges.push([result.firstId, result.lastId]);
    replyingRefused.push(...result.refusedIds);
    replyingAcked += result.okTotal;
  };
  /** Waits until every acknowledged text was answered and its final status callback posted; seconds, or null. */
  const drain = async (limitS: number): Promise<number | null> => {
    const from = performance.now();
    for (;;) {
      const stats = await sandbox.stats();
      if (stats.firstReplies >= replyingAcked && stats.finalCallbacks >= stats.outbound) {
        return (performance.now() - from) / 1000;
      }
      if (performance.now() - from > limitS * 1000) return null;
      await sleep(200);
    }
  };

  // Phase A.
  const totals = Object.fromEntries(
    TARGETS.map((t) => [t, { ok: 0, ms: 0, failed: 0, latencies: [] as number[], replies: 0, cpuMs: 0 }]),
  ) as Record<
    Target,
    { ok: number; ms: number; failed: number; latencies: number[]; replies: number; cpuMs: number }
  >;
  const drains: (number | null)[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const order = TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length] as Target);
    const shown: string[] = [];
    for (const target of order) {
      const repliesBefore = (await sandbox.stats()).firstReplies;
      const cpuBefore = processCpuMs(pids[target]);
      const started = performance.now();
      const result = await runJob({
        url: urls[target],
        warmupMs: 1000,
        durationMs: sliceS * 1000,
        ratePerSecond: rate,
        windowMs: 1000,
      });
      const wallS = (performance.now() - started) / 1000;
      const total = totals[target];
      total.cpuMs += processCpuMs(pids[target]) - cpuBefore;
      total.ok += result.ok;
      total.ms += result.ms;
      total.failed += Object.values(result.failed).reduce((a, b) => a + b, 0);
      total.latencies.push(...result.latencies);
      const replies = (await sandbox.stats()).firstReplies - repliesBefore;
      total.replies += replies;
      let drained = '';
      if (REPLYING.includes(target)) {
        noteReplying(result);
        const seconds = await drain(drainS);
        drains.push(seconds);
        drained = `, drained in ${seconds === null ? `> ${drainS}` : fmt(seconds, 1)} s`;
      }
      const sorted = Float64Array.from(result.latencies).sort();
      shown.push(
        `${target} ${fmt((result.ok / result.ms) * 1000)}/s p99 ${fmt(percentile(sorted, 99), 1)} ms ` +
          `replies ${fmt(replies / wallS)}/s${drained}`,
      );
      if (Object.keys(result.failed).length > 0)
        console.error(`${target} round ${round + 1}: failed`, result.failed);
      // Second by second (warm-up first): a tail at the start of a slice and a steady one read differently.
      const perSecond = (result.windows ?? []).map((w) => fmt(w.p99, 0)).join(' ');
      console.error(`  ${target} p99 per second (ms): ${perSecond}`);
    }
    console.error(`phase A ${round + 1}/${rounds} (load ${load1()}): ${shown.join('; ')}`);
  }
  const summary = Object.fromEntries(
    TARGETS.map((target) => {
      const total = totals[target];
      const sorted = Float64Array.from(total.latencies).sort();
      return [
        target,
        {
          acks: (total.ok / total.ms) * 1000,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          max: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] ?? Number.NaN),
          replies: (total.replies / total.ms) * 1000,
          failed: total.failed,
          cpu: (total.cpuMs / total.ms) * 100,
        },
      ];
    }),
  ) as Record<
    Target,
    { acks: number; p50: number; p99: number; max: number; replies: number; failed: number; cpu: number }
  >;
  console.log(
    `\nPhase A: ${rounds} rounds x ${sliceS} s per target (1 s warm-up each), offered ${fmt(rate)}/s`,
  );
  console.log(
    `| measure | ${TARGETS.map((t) => LABEL[t]).join(' | ')} | workers 0 / bare | no limit / bare | turn limit / bare | turn limit / no limit |`,
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const row = (measure: string, key: keyof (typeof summary)['bare'], digits: number, ratios = true) => {
    const values = TARGETS.map((t) => summary[t][key]);
    const ratio = (t: Target, base: Target = 'bare') =>
      ratios ? `${fmt(summary[t][key] / summary[base][key], 2)}x` : '';
    console.log(
      `| ${measure} | ${values.map((v) => fmt(v, digits)).join(' | ')} | ${ratio('ingest')} | ${ratio('unlimited')} | ` +
        `${ratio('replying')} | ${ratio('replying', 'unlimited')} |`,
    );
  };
  row('acks/s', 'acks', 0);
  row('p50 acknowledge latency (ms)', 'p50', 1);
  row('p99 acknowledge latency (ms)', 'p99', 1);
  row('max acknowledge latency (ms)', 'max', 1);
  row('replies/s during the slices', 'replies', 0, false);
  row('requests not answered 200', 'failed', 0, false);
  row('target CPU, % of one core', 'cpu', 0);
  console.log(
    `replying gateways: backlog drained after each slice in ${drains.map((s) => (s === null ? `> ${drainS}` : fmt(s, 1))).join(', ')} s`,
  );

  // Phase B.
  console.log(
    `\nPhase B: replying gateway (turn limit) alone, ${fmt(soakRate)}/s offered for ${soakS} s, then ${idleS} s idle (load ${load1()})`,
  );
  const samples: { t: number; rss: number; replies: number }[] = [];
  const gcs: { minute: number; heapUsed: number; pauseMs: number; rss: number }[] = [];
  const soakStart = performance.now();
  let stopSampling = false;
  const sampler = (async () => {
    let next = soakStart + 5000;
    for (;;) {
      await sleep(Math.max(0, next - performance.now()));
      if (stopSampling) return;
      const t = (performance.now() - soakStart) / 1000;
      const stats = await sandbox.stats();
      samples.push({ t, rss: processRssMiB(pids.replying), replies: stats.firstReplies });
      const minute = Math.round(t / 60);
      if (Math.abs(t - minute * 60) < 1 && minute >= 1) {
        if (forcedGc) {
          const before = readProbe(probeFile).filter((r) => r.kind === 'gc').length;
          process.kill(pids.replying, 'SIGUSR2');
          for (let i = 0; i < 50; i += 1) {
            const after = readProbe(probeFile).filter((r) => r.kind === 'gc');
            const last = after.at(-1);
            if (after.length > before && last !== undefined) {
              gcs.push({
                minute,
                heapUsed: last.heapUsed / 2 ** 20,
                pauseMs: last.pauseMs ?? Number.NaN,
                rss: last.rss / 2 ** 20,
              });
              break;
            }
            await sleep(100);
          }
        }
      }
      if (samples.length % 12 === 0) {
        console.error(
          `soak ${fmt(t)} s: RSS ${fmt(samples.at(-1)?.rss ?? 0, 1)} MiB, replies ${stats.firstReplies}, load ${load1()}`,
        );
      }
      next += 5000;
    }
  })();
  const repliesAtSoakStart = (await sandbox.stats()).firstReplies;
  const ackedBeforeSoak = replyingAcked;
  const soak = await runJob({
    url: urls.replying,
    warmupMs: 0,
    durationMs: soakS * 1000,
    ratePerSecond: soakRate,
    windowMs: 60_000,
  });
  noteReplying(soak);
  const loadEndS = (performance.now() - soakStart) / 1000;
  await sleep(idleS * 1000);
  stopSampling = true;
  await sampler;
  let idleGc: MemoryRecord | undefined;
  if (forcedGc) {
    process.kill(pids.replying, 'SIGUSR2');
    await sleep(1000);
    idleGc = readProbe(probeFile)
      .filter((r) => r.kind === 'gc')
      .at(-1);
  }
  const rssEnd = processRssMiB(pids.replying);
  const heapSamples = readProbe(probeFile).filter((r) => r.kind === 'sample');

  const windows: LoadWindow[] = soak.windows ?? [];
  console.log(
    '| minute | acks/s | p50 ack (ms) | p99 ack (ms) | max ack (ms) | not 200 | replies sent | backlog at end | RSS min-max (MiB) | heapUsed min-max (MiB) | heapUsed after GC (MiB) | GC pause (ms) |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  let acked = ackedBeforeSoak;
  let repliesBefore = repliesAtSoakStart;
  const wallStartMs = Date.now() - (performance.now() - soakStart);
  for (const [i, w] of windows.entries()) {
    acked += w.ok;
    const windowS = Math.min(60, soakS - i * 60);
    const end = samples.filter((s) => s.t <= i * 60 + windowS + 1).at(-1)?.replies ?? Number.NaN;
    const inMinute = samples.filter((s) => s.t > i * 60 && s.t <= (i + 1) * 60 + 0.5);
    const rss = inMinute.map((s) => s.rss);
    const heap = heapSamples
      .filter((r) => r.at > wallStartMs + i * 60_000 && r.at <= wallStartMs + (i + 1) * 60_000)
      .map((r) => r.heapUsed / 2 ** 20);
    const gc = gcs.find((g) => g.minute === i + 1);
    console.log(
      `| ${i + 1} | ${fmt(w.ok / windowS)} | ${fmt(w.p50, 1)} | ${fmt(w.p99, 1)} | ${fmt(w.max, 1)} | ${w.failed} | ` +
        `${fmt(end - repliesBefore)} | ${fmt(acked - end)} | ${fmt(Math.min(...rss), 0)}-${fmt(Math.max(...rss), 0)} | ` +
        `${fmt(Math.min(...heap), 0)}-${fmt(Math.max(...heap), 0)} | ${fmt(gc?.heapUsed ?? Number.NaN, 1)} | ${fmt(gc?.pauseMs ?? Number.NaN, 0)} |`,
    );
    repliesBefore = end;
  }
  const tail = Math.min(300, loadEndS / 2);
  const tailPoints = samples
    .filter((s) => s.t > loadEndS - tail && s.t <= loadEndS)
    .map((s) => ({ x: s.t / 60, y: s.rss }));
  const rssSlope = slope(tailPoints);
  const gcTail = gcs.filter((g) => g.minute * 60 > loadEndS - tail - 1 && g.minute * 60 <= loadEndS + 1);
  const heapSlope = slope(gcTail.map((g) => ({ x: g.minute, y: g.heapUsed })));
  const idleSamples = samples.filter((s) => s.t > loadEndS);
  console.log(
    `after ${idleS} s without load: RSS ${fmt(rssEnd, 1)} MiB (idle samples ${fmt(Math.min(...idleSamples.map((s) => s.rss)), 0)}-` +
      `${fmt(Math.max(...idleSamples.map((s) => s.rss)), 0)} MiB)` +
      (idleGc ? `, heapUsed after a forced GC ${fmt(idleGc.heapUsed / 2 ** 20, 1)} MiB` : ''),
  );
  const verdict = Math.abs(rssSlope) < 1 ? 'levels off' : rssSlope > 0 ? 'STILL RISING' : 'falling';
  console.log(
    `RSS slope over the last ${fmt(tail)} s of load: ${fmt(rssSlope, 2)} MiB/min (${verdict}; threshold |slope| < 1 MiB/min)` +
      (gcTail.length >= 2 ? `; heapUsed after GC slope ${fmt(heapSlope, 2)} MiB/min` : ''),
  );

  // Exactly once.
  const drained = await drain(drainS);
  const stats = await sandbox.stats();
  const check = await sandbox.check(replyingRanges, replyingRefused);
  console.log(
    `\nreplying gateway: ${fmt(replyingAcked)} texts acknowledged, ${fmt(check.expected)} expected a reply; backlog ` +
      `${drained === null ? `NOT drained after ${drainS} s` : `drained ${fmt(drained, 1)} s after the idle minute`}; ` +
      `lost ${check.lost}, duplicated ${check.duplicated}, unexpected ${check.unexpected}` +
      (check.lostSample.length > 0 ? ` (lost ids e.g. ${check.lostSample.join(', ')})` : ''),
  );
  console.log(
    `sandbox: ${fmt(stats.outbound)} sends (${stats.untagged} untagged), status callbacks answered 2xx ${fmt(stats.statusCallbacksOk)}, ` +
      `not ${fmt(stats.statusCallbacksFailed)}`,
  );
  console.log(`load average at the end ${load1()}`);
  const failed = check.lost > 0 || check.duplicated > 0 || check.unexpected > 0 || drained === null;
  if (failed) process.exitCode = 1;

  loader.disconnect();
  await replying.stop();
  await unlimited.stop();
  await ingest.stop();
  await bare.stop();
  await sandbox.stop();
  if (failed || cpuProf)
    console.log(`kept ${dir} (gateway logs, memory probe${cpuProf ? ', CPU profile' : ''})`);
  else rmSync(dir, { recursive: true, force: true });
}

try {
  await main();
} catch (error) {
  killChildren();
  throw error;
}
