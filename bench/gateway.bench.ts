/**
 * @module bench/gateway
 * Signed inbound webhooks acknowledged per second by the gateway (each one on disk, synchronous=FULL, before
 * its 200), p50/p99 acknowledge latency, CPU per webhook, RSS idle and under load, and time from process start
 * to listening.
 *
 * Baseline, in the same run: "bare node:http" - a plain node:http server that reads the body and answers the
 * same empty TwiML, with no signature check, no parsing and no store (`bench/lib/bare-twiml-server.mjs`). A
 * third target is the gateway with its store on the event loop (`storeThread: false`), to show what the store
 * thread buys. Every target runs as its own process (plain node, the gateway from `apps/gateway/dist`) with the
 * worker pool disabled (`gateway.workers: 0`: acknowledge and queue only, nothing sent, so no agent or Twilio
 * work distorts the figures). The load generator is a separate process (`bench/lib/webhook-load.ts`): N
 * keep-alive connections sending signed webhooks with unique MessageSids.
 *
 * Two load phases, each rotating the targets slice by slice (the machine is shared; rotating exposes all of
 * them to the same swings): closed loop (each connection sends its next webhook when the previous one is
 * answered: the most a target acknowledges), then open loop at a fixed offered rate (latency counted from each
 * request's scheduled time, so stalls are not hidden). Afterwards each gateway's store must hold exactly as many
 * queued messages as that gateway answered 200.
 *
 * Run from the repo root after building: `node --expose-gc --import tsx bench/gateway.bench.ts`
 * Env: BENCH_ROUNDS (6), BENCH_SLICE_MS (3000), BENCH_CONNECTIONS (64), BENCH_STARTS (5), BENCH_RATE (2000).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '@sms-channel/store';
import { formatMachine } from './lib/machine.js';
import { median } from './lib/measure.js';
import type { LoadJob, LoadResult } from './lib/webhook-load.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const sliceMs = Number(process.env.BENCH_SLICE_MS ?? 3000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const starts = Number(process.env.BENCH_STARTS ?? 5);
const offeredRate = Number(process.env.BENCH_RATE ?? 2000);

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const GATEWAY_DIST = here('../apps/gateway/dist/start-gateway.js');
const ACCOUNT_SID = 'AC5a4db0c05a4db0c05a4db0c05a4db0c0';
const AUTH_TOKEN = 'f4cec0def4cec0def4cec0def4cec0de';
const NUMBER = '+12025550100';
const SIDES = ['baseline', 'gateway', 'eventLoop'] as const;
type Side = (typeof SIDES)[number];

interface Running {
  child: ChildProcess;
  url: string;
  startMs: number;
}

interface SideSpec {
  args: string[];
  ready: RegExp;
  log: string;
  /** The webhook URL the load goes to. */
  webhookUrl: (running: Running) => string;
  stateDir?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** CPU time (user + system, all threads) a process has used, in ms (from /proc, clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Spawns a target with stdout going to a file (nothing here reads it under load) and waits until it listens. */
async function launch(spec: SideSpec): Promise<Running> {
  const fd = openSync(spec.log, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, spec.args, {
    stdio: ['ignore', fd, 'inherit'],
    env: { PATH: process.env.PATH ?? '' },
  });
  closeSync(fd);
  for (;;) {
    const match = spec.ready.exec(readFileSync(spec.log, 'utf8'));
    if (match !== null) return { child, url: match[1] ?? '', startMs: performance.now() - started };
    if (child.exitCode !== null) throw new Error(`target exited: ${readFileSync(spec.log, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

async function stop(running: Running): Promise<void> {
  if (running.child.exitCode !== null) return;
  const exited = new Promise((resolve) => running.child.once('exit', resolve));
  running.child.kill('SIGTERM');
  await exited;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function gatewaySpec(dir: string, name: string, storeMode: 'thread' | 'event-loop'): Promise<SideSpec> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/webhooks/sms`;
  const stateDir = join(dir, `state-${name}`);
  const configFile = join(dir, `${name}.json5`);
  const sms = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: NUMBER, publicWebhookUrl: url };
  // The route limit (5,000/s by default) is a flood guard; lifted so it cannot cap the measurement.
  const limits = { routeRatePerSecond: 1_000_000, routeBurst: 1_000_000 };
  const gateway = { host: '127.0.0.1', port, stateDir, workers: 0, logLevel: 'info', limits };
  writeFileSync(configFile, JSON.stringify({ channels: { sms }, gateway }));
  return {
    args: [here('./lib/run-gateway.mjs'), configFile, storeMode],
    ready: /"msg":"gateway listening on (http:\/\/[^"]+)"/,
    log: join(dir, `${name}.log`),
    webhookUrl: () => url,
    stateDir,
  };
}

interface Totals {
  ok: number;
  okTotal: number;
  ms: number;
  latencies: number[];
  failed: number;
  peakRss: number;
  cpu: number;
}

async function main(): Promise<void> {
  if (!existsSync(GATEWAY_DIST)) {
    throw new Error('build first: scripts/pnpm --filter @sms-channel/gateway build');
  }
  const dir = mkdtempSync(join(tmpdir(), 'sms-gateway-bench-'));
  const specs: Record<Side, SideSpec> = {
    baseline: {
      args: [here('./lib/bare-twiml-server.mjs'), '0'],
      ready: /listening (http:\/\/\S+)/,
      log: join(dir, 'baseline.log'),
      webhookUrl: (running) => `${running.url}/webhooks/sms`,
    },
    gateway: await gatewaySpec(dir, 'gateway', 'thread'),
    eventLoop: await gatewaySpec(dir, 'event-loop', 'event-loop'),
  };

  // Start-up time, interleaved; the first start of a gateway also creates its store.
  const startTimes: Record<Side, number[]> = { baseline: [], gateway: [], eventLoop: [] };
  for (let i = 0; i < starts; i += 1) {
    for (const side of SIDES) {
      const running = await launch(specs[side]);
      startTimes[side].push(running.startMs);
      await stop(running);
    }
  }

  const running = {} as Record<Side, Running>;
  for (const side of SIDES) running[side] = await launch(specs[side]);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const idle = Object.fromEntries(SIDES.map((side) => [side, rssMiB(running[side].child.pid)])) as Record<
    Side,
    number
  >;

  const load = fork(here('./lib/webhook-load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const runJob = (side: Side, ratePerSecond?: number) =>
    new Promise<{ result: LoadResult; peakRss: number; cpu: number }>((resolve) => {
      const pid = running[side].child.pid;
      let peakRss = 0;
      const cpuBefore = cpuMs(pid);
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, rssMiB(pid));
      }, 100);
      load.once('message', (result) => {
        clearInterval(sampler);
        resolve({ result: result as LoadResult, peakRss, cpu: cpuMs(pid) - cpuBefore });
      });
      const job: LoadJob = {
        url: specs[side].webhookUrl(running[side]),
        connections,
        warmupMs: 500,
        durationMs: sliceMs,
        authToken: AUTH_TOKEN,
        accountSid: ACCOUNT_SID,
        to: NUMBER,
        ...(ratePerSecond === undefined ? {} : { ratePerSecond }),
      };
      load.send(job);
    });

  const acknowledged: Record<Side, number> = { baseline: 0, gateway: 0, eventLoop: 0 };
  const phase = async (label: string, ratePerSecond?: number) => {
    const empty = (): Totals => ({ ok: 0, okTotal: 0, ms: 0, latencies: [], failed: 0, peakRss: 0, cpu: 0 });
    const totals: Record<Side, Totals> = { baseline: empty(), gateway: empty(), eventLoop: empty() };
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const order = SIDES.map((_, i) => SIDES[(i + round) % SIDES.length] as Side);
      const rates: Partial<Record<Side, number>> = {};
      for (const side of order) {
        const { result, peakRss, cpu } = await runJob(side, ratePerSecond);
        const total = totals[side];
        total.ok += result.ok;
        total.okTotal += result.okTotal;
        total.ms += result.ms;
        total.cpu += cpu;
        total.latencies.push(...result.latencies);
        total.failed += Object.values(result.failed).reduce((a, b) => a + b, 0);
        total.peakRss = Math.max(total.peakRss, peakRss);
        acknowledged[side] += result.okTotal;
        rates[side] = (result.ok / result.ms) * 1000;
        if (Object.keys(result.failed).length > 0)
          console.error(`${side} ${label} ${round}: failed`, result.failed);
      }
      ratios.push((rates.gateway ?? 0) / (rates.baseline ?? 1));
      const shown = SIDES.map((side) => `${side} ${rates[side]?.toFixed(0)}/s`).join(', ');
      console.error(`${label} ${round + 1}/${rounds}: ${shown}`);
    }
    const summary = (side: Side) => {
      const total = totals[side];
      const sorted = Float64Array.from(total.latencies).sort();
      return {
        rate: (total.ok / total.ms) * 1000,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        failed: total.failed,
        peakRss: total.peakRss,
        cpuUs: (total.cpu * 1000) / total.okTotal,
      };
    };
    const byside = Object.fromEntries(SIDES.map((side) => [side, summary(side)])) as Record<
      Side,
      ReturnType<typeof summary>
    >;
    return { ...byside, ratios: ratios.sort((x, y) => x - y) };
  };
  const closed = await phase('closed loop');
  const open = await phase(`open loop ${offeredRate}/s`, offeredRate);
  load.disconnect();
  for (const side of SIDES) await stop(running[side]);

  const queued: Partial<Record<Side, number>> = {};
  for (const side of ['gateway', 'eventLoop'] as const) {
    const store = await openStore(join(specs[side].stateDir ?? '', 'store.db'));
    queued[side] = (await store.countInbound()).pending;
    await store.close();
  }
  rmSync(dir, { recursive: true, force: true });

  const fmt = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const row = (measure: string, values: Record<Side, number>, digits = 0) => {
    const ratio = (side: Side) => `${fmt(values[side] / values.baseline, 2)}x`;
    const cells = [fmt(values.baseline, digits), fmt(values.gateway, digits), ratio('gateway')];
    cells.push(fmt(values.eventLoop, digits), ratio('eventLoop'));
    console.log(`| ${measure} | ${cells.join(' | ')} |`);
  };
  const pick = (from: Record<Side, Record<string, number>>, key: string) =>
    Object.fromEntries(SIDES.map((side) => [side, from[side]?.[key] ?? Number.NaN])) as Record<Side, number>;
  const closedBy = closed as unknown as Record<Side, Record<string, number>>;
  const openBy = open as unknown as Record<Side, Record<string, number>>;
  console.log(`Machine: ${formatMachine()}`);
  console.log(
    `${rounds} rounds x ${sliceMs} ms per target and phase, ${connections} keep-alive connections, worker pool off; ` +
      `gateway/baseline throughput ratio per round: ${fmt(closed.ratios[0] ?? 0, 2)}-${fmt(closed.ratios.at(-1) ?? 0, 2)}`,
  );
  console.log(
    '| measure | bare node:http | gateway | ratio | gateway, store on the event loop | ratio |\n| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  row('webhooks/s acknowledged, closed loop', pick(closedBy, 'rate'));
  row('p50 latency at that load (ms)', pick(closedBy, 'p50'), 1);
  row('p99 latency at that load (ms)', pick(closedBy, 'p99'), 1);
  row('CPU time per webhook, all threads (us)', pick(closedBy, 'cpuUs'));
  row(`p50 latency at ${fmt(offeredRate)}/s offered (ms)`, pick(openBy, 'p50'), 1);
  row(`p99 latency at ${fmt(offeredRate)}/s offered (ms)`, pick(openBy, 'p99'), 1);
  row('RSS idle (MiB)', idle, 1);
  const peak = Object.fromEntries(
    SIDES.map((side) => [side, Math.max(closed[side].peakRss, open[side].peakRss)]),
  ) as Record<Side, number>;
  row('RSS peak under load (MiB)', peak, 1);
  const startMedians: Record<Side, number> = {
    baseline: median(startTimes.baseline),
    gateway: median(startTimes.gateway),
    eventLoop: median(startTimes.eventLoop),
  };
  row(`start to listening, median of ${starts} (ms)`, startMedians);
  const failed = SIDES.map((side) => `${side} ${closed[side].failed + open[side].failed}`).join(', ');
  console.log(`failed requests: ${failed}`);
  for (const side of ['gateway', 'eventLoop'] as const) {
    console.log(
      `${side}: answered 200 to ${acknowledged[side]} webhooks (warm-up included); queued in its store: ${queued[side]}`,
    );
    if (queued[side] !== acknowledged[side]) {
      console.error(`MISMATCH (${side}): the store does not hold every acknowledged webhook`);
      process.exitCode = 1;
    }
  }
}

await main();
