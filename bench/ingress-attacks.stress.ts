/**
 * @module bench/ingress-attacks.stress
 * Genuine Twilio traffic under attack from the same address (issue 13): behind a TLS proxy or a tunnel every
 * request comes from 127.0.0.1, so the attacker and Twilio share one client address.
 *
 * Each scenario starts a fresh gateway (its own process, built, default settings unless `STRESS_LIMITS`, workers
 * off: acknowledge and queue only), starts an attacker process, lets the attack settle, then offers genuine signed
 * webhooks (unique MessageSids, open loop, `STRESS_GENUINE_RATE`/s for `STRESS_SECONDS` s: half on 16 keep-alive
 * connections, half on a new connection each with the body sent `STRESS_BODY_DELAY_MS` (100) after the head, as
 * a delayed or resent TCP segment would arrive) while the attack goes on:
 * - `none`: no attack (the baseline of the same run);
 * - `slowloris`: `STRESS_SLOW_CONNECTIONS` (1,100) connections that each send a webhook head declaring 500 body
 *   bytes, one byte, then nothing; each one the server lets go is reopened at once;
 * - `forged`: badly signed webhooks at `STRESS_FORGED_RATE`/s over 64 connections.
 * Reported: genuine webhooks acknowledged (200) out of offered, their latency, what else they got, what the
 * attacker got, the gateway's CPU and peak RSS. Then the `hold` phase: 100 idle connections and 100 that send half
 * a request head, opened once, and how long the server holds them.
 *
 * `STRESS_BEFORE_DIST=<path to another apps/gateway/dist>` runs every scenario against that build too (e.g. the
 * code before the fix), interleaved with the current one.
 *
 * Run from the repo root after building: `node --import tsx bench/ingress-attacks.stress.ts`
 * Env: STRESS_GENUINE_RATE (50), STRESS_SECONDS (10), STRESS_FORGED_RATE (2000), STRESS_SLOW_CONNECTIONS (1100),
 * STRESS_BODY_DELAY_MS (100),
 * STRESS_SCENARIOS ("none,slowloris,forged,hold"), STRESS_HOLD_MS (120000), STRESS_BEFORE_DIST, STRESS_LIMITS (JSON
 * merged into `gateway.limits` of the current build, e.g. '{"maxUnverifiedPerAddress":256}').
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  freePort,
  NUMBER,
  startGatewayProcess,
  writeGatewayConfig,
} from './lib/gateway-process.js';
import { formatMachine } from './lib/machine.js';
import type { SlowlorisJob, SlowlorisResult } from './lib/slowloris-load.js';
import { percentile } from './lib/sms-traffic.js';
import type { LoadJob, LoadResult } from './lib/webhook-load.js';

const genuineRate = Number(process.env.STRESS_GENUINE_RATE ?? 50);
const seconds = Number(process.env.STRESS_SECONDS ?? 10);
const forgedRate = Number(process.env.STRESS_FORGED_RATE ?? 2000);
const scenarios = (process.env.STRESS_SCENARIOS ?? 'none,slowloris,forged,hold').split(',');
const holdMs = Number(process.env.STRESS_HOLD_MS ?? 120_000);
const beforeDist = process.env.STRESS_BEFORE_DIST;
const slowConnections = Number(process.env.STRESS_SLOW_CONNECTIONS ?? 1100);
const bodyDelayMs = Number(process.env.STRESS_BODY_DELAY_MS ?? 100);
const limits = JSON.parse(process.env.STRESS_LIMITS ?? '{}') as Record<string, unknown>;

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SETTLE_MS = 2000;

function child(path: string): ChildProcess {
  return fork(here(path), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
}

function ask<T>(process: ChildProcess, job: unknown): Promise<T> {
  return new Promise((resolve) => {
    process.once('message', (result) => resolve(result as T));
    process.send(job as object);
  });
}

interface Target {
  name: string;
  dist: string | undefined;
}

interface Genuine {
  offered: number;
  acknowledged: number;
  p50: number;
  p99: number;
  otherAnswers: Record<string, number>;
}

interface Row {
  target: string;
  scenario: string;
  keepAlive: Genuine;
  fresh: Genuine;
  attacker: string;
  cpuPercent: number;
  peakRssMiB: number;
}

async function withGateway<T>(target: Target, work: (url: string, pid: number) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'sms-attack-stress-'));
  const port = await freePort();
  const gateway = { workers: 0, logLevel: 'info', ...(target.dist === undefined ? { limits } : {}) };
  const configFile = writeGatewayConfig({ dir, port, gateway });
  const running = await startGatewayProcess({
    configFile,
    log: join(dir, 'gateway.log'),
    ...(target.dist === undefined ? {} : { dist: target.dist }),
  });
  try {
    return await work(`${running.url}/webhooks/sms`, running.pid);
  } finally {
    await running.kill9();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function attackScenario(target: Target, scenario: string): Promise<Row> {
  return withGateway(target, async (url, pid) => {
    const { processCpuMs, processRssMiB } = await import('./lib/gateway-process.js');
    const attackMs = SETTLE_MS + seconds * 1000 + 1000;
    let attack: Promise<unknown> = Promise.resolve(undefined);
    let attacker: ChildProcess | undefined;
    if (scenario === 'slowloris') {
      attacker = child('./lib/slowloris-load.ts');
      const job: SlowlorisJob = { url, connections: slowConnections, durationMs: attackMs };
      attack = ask<SlowlorisResult>(attacker, job);
    } else if (scenario === 'forged') {
      attacker = child('./lib/webhook-load.ts');
      const job: LoadJob = {
        url,
        connections: 64,
        warmupMs: 0,
        durationMs: attackMs,
        authToken: '0'.repeat(32),
        accountSid: ACCOUNT_SID,
        to: NUMBER,
        ratePerSecond: forgedRate,
      };
      attack = ask<LoadResult>(attacker, job);
    }
    await sleep(SETTLE_MS);
    const keepAliveLoad = child('./lib/webhook-load.ts');
    const freshLoad = child('./lib/webhook-load.ts');
    let peakRssMiB = 0;
    const sampler = setInterval(() => {
      peakRssMiB = Math.max(peakRssMiB, processRssMiB(pid));
    }, 200);
    const cpuFrom = processCpuMs(pid);
    const wallFrom = performance.now();
    const genuineJob = (keepAlive: boolean): LoadJob => ({
      url,
      connections: 16,
      warmupMs: 0,
      durationMs: seconds * 1000,
      authToken: AUTH_TOKEN,
      accountSid: ACCOUNT_SID,
      to: NUMBER,
      ratePerSecond: genuineRate / 2,
      keepAlive,
      ...(keepAlive ? {} : { bodyDelayMs }),
    });
    const [keepAlive, fresh] = await Promise.all([
      ask<LoadResult>(keepAliveLoad, genuineJob(true)),
      ask<LoadResult>(freshLoad, genuineJob(false)),
    ]);
    const cpuPercent = ((processCpuMs(pid) - cpuFrom) / (performance.now() - wallFrom)) * 100;
    clearInterval(sampler);
    keepAliveLoad.disconnect();
    freshLoad.disconnect();
    const attackResult = await attack;
    attacker?.disconnect();
    return {
      target: target.name,
      scenario,
      keepAlive: genuineOf(keepAlive),
      fresh: genuineOf(fresh),
      attacker: describeAttack(scenario, attackResult, attackMs),
      cpuPercent,
      peakRssMiB,
    };
  });
}

function genuineOf(result: LoadResult): Genuine {
  const latencies = result.latencies.sort((a, b) => a - b);
  return {
    offered: result.ok + Object.values(result.failed).reduce((a, b) => a + b, 0),
    acknowledged: result.ok,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    otherAnswers: result.failed,
  };
}

function describeAttack(scenario: string, result: unknown, ms: number): string {
  if (scenario === 'slowloris') {
    const r = result as SlowlorisResult;
    const closed = Object.entries(r.closedByServer)
      .map(([status, count]) => `${status}: ${count}`)
      .join(', ');
    // NaN (nothing closed) crosses the IPC channel as null.
    const held = Number.isFinite(r.meanHeldMs) ? `${Math.round(r.meanHeldMs)} ms` : '-';
    return `${r.opened} opened, ${Math.round(r.meanOpen)} open on average, closed ones held ${held} on average; closed by the server: ${closed || 'none'}`;
  }
  if (scenario === 'forged') {
    const r = result as LoadResult;
    const answers = Object.entries(r.failed)
      .map(([status, count]) => `${status}: ${((count / ms) * 1000).toFixed(0)}/s`)
      .join(', ');
    return `answered ${answers}${r.ok > 0 ? `, 200: ${r.ok}` : ''}`;
  }
  return '-';
}

async function holdScenario(target: Target): Promise<string[]> {
  return withGateway(target, async (url) => {
    const lines: string[] = [];
    for (const mode of ['idle', 'slow-head'] as const) {
      const attacker = child('./lib/slowloris-load.ts');
      const job: SlowlorisJob = { url, connections: 100, durationMs: holdMs, mode, reopen: false };
      const r = await ask<SlowlorisResult>(attacker, job);
      attacker.disconnect();
      const seconds = (ms: number | null) =>
        ms === null || !Number.isFinite(ms) ? '-' : (ms / 1000).toFixed(1);
      lines.push(
        `| ${target.name} | ${mode} | ${seconds(r.meanHeldMs)} | ${seconds(r.maxHeldMs)} | ${r.stillOpen} |`,
      );
    }
    return lines;
  });
}

async function main(): Promise<void> {
  const targets: Target[] = [{ name: 'current', dist: undefined }];
  if (beforeDist !== undefined) targets.unshift({ name: 'before', dist: beforeDist });
  console.log(`Machine: ${formatMachine()}`);
  console.log(
    `genuine: ${genuineRate} signed webhooks/s for ${seconds} s; forged flood: ${forgedRate}/s; slowloris: ${slowConnections} connections`,
  );
  const rows: Row[] = [];
  for (const scenario of scenarios.filter((name) => name !== 'hold')) {
    for (const target of targets) {
      const row = await attackScenario(target, scenario);
      rows.push(row);
      console.error(JSON.stringify(row));
    }
  }
  const fmt = (n: number, digits = 1) => (Number.isNaN(n) ? '-' : n.toFixed(digits));
  const cells = (g: Genuine) => {
    const share = `${g.acknowledged} / ${g.offered} (${((g.acknowledged / Math.max(1, g.offered)) * 100).toFixed(1)}%)`;
    const refused =
      Object.entries(g.otherAnswers)
        .map(([status, count]) => `${status}: ${count}`)
        .join(', ') || 'none';
    return `${share} | ${fmt(g.p50)} / ${fmt(g.p99)} | ${refused}`;
  };
  console.log(`limits of the current build: ${JSON.stringify(limits)}`);
  console.log(
    `| build | attack | genuine, keep-alive: acknowledged | p50 / p99 (ms) | refused | genuine, new connection, body ${bodyDelayMs} ms late: acknowledged | p50 / p99 (ms) | refused | attacker | gateway CPU (%) | peak RSS (MiB) |`,
  );
  console.log('| --- | --- | ---: | ---: | --- | ---: | ---: | --- | --- | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.target} | ${r.scenario} | ${cells(r.keepAlive)} | ${cells(r.fresh)} | ${r.attacker} | ${fmt(r.cpuPercent, 0)} | ${fmt(r.peakRssMiB, 0)} |`,
    );
  }
  if (scenarios.includes('hold')) {
    console.log('\n| build | connection | mean held (s) | longest held (s) | still open at the end |');
    console.log('| --- | --- | ---: | ---: | ---: |');
    for (const target of targets) for (const line of await holdScenario(target)) console.log(line);
  }
}

await main();
