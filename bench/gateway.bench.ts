/**
 * @module bench/gateway
 * Signed inbound webhooks acknowledged per second by the gateway (each one on disk, synchronous=FULL, before
 * its 200), p50/p99 acknowledge latency, RSS idle and under load, and time from process start to listening.
 *
 * Baseline, in the same run: "bare node:http" - a plain node:http server that reads the body and answers the
 * same empty TwiML, with no signature check, no parsing and no store (`bench/lib/bare-twiml-server.mjs`).
 * Both run as their own processes (plain node, the gateway from `apps/gateway/dist`) with the worker pool
 * disabled (`gateway.workers: 0`: acknowledge and queue only, nothing sent, so no agent or Twilio work distorts
 * the figure). The load generator is a third process (`bench/lib/webhook-load.ts`): N keep-alive connections
 * sending signed webhooks with unique MessageSids back to back. Load slices alternate between the two targets
 * (the machine is shared; alternating exposes both to the same swings). Afterwards the gateway's store must
 * hold exactly as many queued messages as the gateway answered 200.
 *
 * Run from the repo root after building: `node --expose-gc --import tsx bench/gateway.bench.ts`
 * Two load phases, each alternating targets slice by slice: closed loop (each of the N connections sends its
 * next webhook when the previous one is answered: the most the target acknowledges), then open loop at a fixed
 * offered rate (latency counted from each request's scheduled time, so stalls are not hidden).
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
import type { LoadJob, LoadResult } from './lib/webhook-load.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const sliceMs = Number(process.env.BENCH_SLICE_MS ?? 3000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const starts = Number(process.env.BENCH_STARTS ?? 5);
const offeredRate = Number(process.env.BENCH_RATE ?? 2000);

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const GATEWAY_DIST = here('../apps/gateway/dist/index.js');
const ACCOUNT_SID = 'AC5a4db0c05a4db0c05a4db0c05a4db0c0';
const AUTH_TOKEN = 'f4cec0def4cec0def4cec0def4cec0de';
const NUMBER = '+12025550100';

interface Target {
  name: string;
  child: ChildProcess;
  url: string;
  startMs: number;
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

/** Spawns `args` with stdout going to a file (nothing in this process reads it under load) and waits for `ready`. */
async function launch(name: string, args: string[], logFile: string, ready: RegExp): Promise<Target> {
  const fd = openSync(logFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', fd, 'inherit'],
    env: { PATH: process.env.PATH ?? '' },
  });
  closeSync(fd);
  for (;;) {
    const match = ready.exec(readFileSync(logFile, 'utf8'));
    if (match !== null) return { name, child, url: match[1] ?? '', startMs: performance.now() - started };
    if (child.exitCode !== null) throw new Error(`${name} exited: ${readFileSync(logFile, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

async function stop(target: Target): Promise<void> {
  if (target.child.exitCode !== null) return;
  const exited = new Promise((resolve) => target.child.once('exit', resolve));
  target.child.kill('SIGTERM');
  await exited;
}

/** CPU time (user + system) a process has used, in ms (from /proc, clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  if (!existsSync(GATEWAY_DIST))
    throw new Error('build first: scripts/pnpm --filter @sms-channel/gateway build');
  const dir = mkdtempSync(join(tmpdir(), 'sms-gateway-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/webhooks/sms`;
  const configFile = join(dir, 'config.json5');
  writeFileSync(
    configFile,
    JSON.stringify({
      channels: {
        sms: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: NUMBER, publicWebhookUrl: url },
      },
      gateway: {
        host: '127.0.0.1',
        port,
        stateDir: join(dir, 'state'),
        workers: 0,
        logLevel: 'info',
        // The route limit (5,000/s by default) is a flood guard; lifted so it cannot cap the measurement.
        limits: { routeRatePerSecond: 1_000_000, routeBurst: 1_000_000 },
      },
    }),
  );
  const gatewayArgs = [here('./lib/run-gateway.mjs'), configFile];
  const gatewayReady = /"msg":"gateway listening on (http:\/\/[^"]+)"/;
  const baselineArgs = (p: number) => [here('./lib/bare-twiml-server.mjs'), String(p)];
  const baselineReady = /listening (http:\/\/\S+)/;

  // Start-up time, interleaved; the first gateway start also creates the store.
  const startTimes = { baseline: [] as number[], gateway: [] as number[] };
  for (let i = 0; i < starts; i += 1) {
    const b = await launch('baseline', baselineArgs(0), join(dir, 'baseline.log'), baselineReady);
    startTimes.baseline.push(b.startMs);
    await stop(b);
    const g = await launch('gateway', gatewayArgs, join(dir, 'gateway.log'), gatewayReady);
    startTimes.gateway.push(g.startMs);
    await stop(g);
  }

  const baseline = await launch('baseline', baselineArgs(0), join(dir, 'baseline.log'), baselineReady);
  const gateway = await launch('gateway', gatewayArgs, join(dir, 'gateway.log'), gatewayReady);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const idle = { baseline: rssMiB(baseline.child.pid), gateway: rssMiB(gateway.child.pid) };

  const load = fork(here('./lib/webhook-load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const runJob = (target: Target, targetUrl: string, ratePerSecond?: number) =>
    new Promise<{ result: LoadResult; peakRss: number; cpu: number }>((resolve) => {
      let peakRss = 0;
      const cpuBefore = cpuMs(target.child.pid);
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, rssMiB(target.child.pid));
      }, 100);
      load.once('message', (result) => {
        clearInterval(sampler);
        resolve({ result: result as LoadResult, peakRss, cpu: cpuMs(target.child.pid) - cpuBefore });
      });
      const job: LoadJob = {
        url: targetUrl,
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

  type Side = 'baseline' | 'gateway';
  const emptyTotal = () => ({
    ok: 0,
    ms: 0,
    latencies: [] as number[],
    failed: 0,
    peakRss: 0,
    okTotal: 0,
    cpu: 0,
  });
  let gatewayAcknowledged = 0;
  const phase = async (label: string, ratePerSecond?: number) => {
    const totals = { baseline: emptyTotal(), gateway: emptyTotal() };
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const order: Side[] = round % 2 === 0 ? ['baseline', 'gateway'] : ['gateway', 'baseline'];
      const rates: Partial<Record<Side, number>> = {};
      for (const side of order) {
        const target = side === 'baseline' ? baseline : gateway;
        const targetUrl = side === 'baseline' ? `${baseline.url}/webhooks/sms` : url;
        const { result, peakRss, cpu } = await runJob(target, targetUrl, ratePerSecond);
        const total = totals[side];
        total.cpu += cpu;
        total.ok += result.ok;
        total.okTotal += result.okTotal;
        total.ms += result.ms;
        total.latencies.push(...result.latencies);
        total.failed += Object.values(result.failed).reduce((a, b) => a + b, 0);
        total.peakRss = Math.max(total.peakRss, peakRss);
        rates[side] = (result.ok / result.ms) * 1000;
        if (side === 'gateway') gatewayAcknowledged += result.okTotal;
        if (Object.keys(result.failed).length > 0)
          console.error(`${side} ${label} ${round}: failed`, result.failed);
      }
      ratios.push((rates.gateway ?? 0) / (rates.baseline ?? 1));
      console.error(
        `${label} ${round + 1}/${rounds}: baseline ${rates.baseline?.toFixed(0)}/s, gateway ${rates.gateway?.toFixed(0)}/s`,
      );
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
        cpuUsPerWebhook: (total.cpu * 1000) / total.okTotal,
      };
    };
    return {
      baseline: summary('baseline'),
      gateway: summary('gateway'),
      ratios: ratios.sort((x, y) => x - y),
    };
  };
  const closed = await phase('closed loop');
  const open = await phase(`open loop ${offeredRate}/s`, offeredRate);
  load.disconnect();
  await stop(baseline);
  await stop(gateway);

  const store = await openStore(join(dir, 'state', 'store.db'));
  const queued = (await store.countInbound()).pending;
  await store.close();
  rmSync(dir, { recursive: true, force: true });

  const b = closed.baseline;
  const g = closed.gateway;
  const fmt = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const row = (measure: string, base: number, ours: number, digits = 0, extra = '') =>
    console.log(
      `| ${measure} | ${fmt(base, digits)} | ${fmt(ours, digits)} | ${fmt(ours / base, 2)}x${extra} |`,
    );
  console.log(`Machine: ${formatMachine()}`);
  console.log(
    `${rounds} rounds x ${sliceMs} ms per side and phase, ${connections} keep-alive connections, worker pool off`,
  );
  console.log('| measure | bare node:http | gateway | ratio |');
  console.log('| --- | ---: | ---: | ---: |');
  const spread = ` (rounds ${fmt(closed.ratios[0] ?? 0, 2)}-${fmt(closed.ratios.at(-1) ?? 0, 2)})`;
  row(`webhooks/s acknowledged, closed loop`, b.rate, g.rate, 0, spread);
  row('CPU time per webhook, closed loop (us)', b.cpuUsPerWebhook, g.cpuUsPerWebhook);
  row(
    'webhooks/s one core could acknowledge (1 s / CPU per webhook)',
    1e6 / b.cpuUsPerWebhook,
    1e6 / g.cpuUsPerWebhook,
  );
  row('p50 latency at that load (ms)', b.p50, g.p50, 1);
  row('p99 latency at that load (ms)', b.p99, g.p99, 1);
  row(`p50 latency at ${fmt(offeredRate)}/s offered (ms)`, open.baseline.p50, open.gateway.p50, 1);
  row(`p99 latency at ${fmt(offeredRate)}/s offered (ms)`, open.baseline.p99, open.gateway.p99, 1);
  row('RSS idle (MiB)', idle.baseline, idle.gateway, 1);
  row(
    'RSS peak under load (MiB)',
    Math.max(b.peakRss, open.baseline.peakRss),
    Math.max(g.peakRss, open.gateway.peakRss),
    1,
  );
  const bs = median(startTimes.baseline);
  const gs = median(startTimes.gateway);
  row(`start to listening, median of ${starts} (ms)`, bs, gs);
  const failed = (side: Side) => closed[side].failed + open[side].failed;
  console.log(`failed requests: baseline ${failed('baseline')}, gateway ${failed('gateway')}`);
  console.log(
    `gateway answered 200 to ${gatewayAcknowledged} webhooks (warm-up included); queued in its store: ${queued}`,
  );
  if (queued !== gatewayAcknowledged) {
    console.error('MISMATCH: the store does not hold every acknowledged webhook');
    process.exitCode = 1;
  }
}

await main();
