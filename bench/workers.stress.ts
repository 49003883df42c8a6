/**
 * @module bench/workers.stress
 * How many workers the standalone gateway needs when turns are I/O-bound (issue 13: with 4 workers and a slow
 * Twilio, replies ran at 10-13/s against 20 texts/s offered and the backlog only grew).
 *
 * Each run: the built gateway (its own process) against the sandbox as Twilio, made slow and 429-ing (every
 * Messages create waits 200-600 ms; a rate limit of 25/s, burst 25, answers 429 with Retry-After: 1 past it),
 * `STRESS_RATE` texts/s offered for `STRESS_SECONDS` s by `STRESS_SENDERS` handsets (open loop; one handset's
 * texts never overlap), then the backlog is drained. Two kinds of turn: `echo` (the turn is Twilio's latency
 * only) and `model` (an OpenAI-compatible endpoint on loopback answering after 1-2 s, like a hosted model).
 * Reported per worker count: replies/s while texts arrive, backlog when they stop, time to drain it, text-to-reply
 * latency, lost / duplicated / out-of-order, gateway CPU per message and at idle, peak RSS.
 *
 * Run from the repo root after building: `node --import tsx bench/workers.stress.ts`
 * Env: STRESS_WORKERS ("4,8,16,32,64"), STRESS_SCENARIOS ("echo,model"), STRESS_RATE (20), STRESS_SECONDS (30),
 * STRESS_SENDERS (300), STRESS_DRAIN_S (180), STRESS_GATEWAY_DIST (apps/gateway/dist).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox } from '@sms-channel/sandbox';
import { startFakeModelServer } from './lib/fake-model-server.js';
import { freePort, startGatewayProcess, writeGatewayConfig } from './lib/gateway-process.js';
import { formatMachine } from './lib/machine.js';
import { createSmsTraffic, percentile } from './lib/sms-traffic.js';

const workerCounts = (process.env.STRESS_WORKERS ?? '4,8,16,32,64').split(',').map(Number);
const scenarios = (process.env.STRESS_SCENARIOS ?? 'echo,model').split(',') as ('echo' | 'model')[];
const rate = Number(process.env.STRESS_RATE ?? 20);
const seconds = Number(process.env.STRESS_SECONDS ?? 30);
const senders = Number(process.env.STRESS_SENDERS ?? 300);
const drainSeconds = Number(process.env.STRESS_DRAIN_S ?? 180);
const dist = process.env.STRESS_GATEWAY_DIST;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const handset = (i: number) => `+1202555${String(1000 + (i % senders)).padStart(4, '0')}`;

interface RunResult {
  scenario: string;
  workers: number;
  repliesPerSecond: number;
  backlogAtEnd: number;
  drainSeconds: number | null;
  p50: number;
  p99: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  cpuMsPerMessage: number;
  idleCpuPercent: number;
  peakRssMiB: number;
}

async function run(scenario: 'echo' | 'model', workers: number, tag: string): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sms-workers-stress-'));
  const port = await freePort();
  const sandbox = createSandbox({
    deliveryDelayMs: 200,
    webhookUrl: `http://127.0.0.1:${port}/webhooks/sms`,
  });
  await sandbox.start();
  sandbox.admin.addFault({ route: 'messages.create', kind: 'latency', ms: 200, jitterMs: 400 });
  sandbox.admin.addFault({
    route: 'messages.create',
    kind: 'rate-limit',
    perSecond: 25,
    burst: 25,
    retryAfterSeconds: 1,
  });
  const model = scenario === 'model' ? await startFakeModelServer({ ms: 1000, jitterMs: 1000 }) : undefined;
  const configFile = writeGatewayConfig({
    dir,
    port,
    sms: { twilioApiBaseUrl: sandbox.url, dmPolicy: 'open', allowFrom: ['*'] },
    gateway: { workers, logLevel: 'info' },
    ...(model === undefined ? {} : { agent: { kind: 'openai', baseUrl: model.baseUrl, model: 'fake' } }),
  });
  const gateway = await startGatewayProcess({
    configFile,
    log: join(dir, 'gateway.log'),
    ...(dist ? { dist } : {}),
  });
  await sleep(1000);
  const idleFrom = gateway.cpuMs();
  await sleep(3000);
  const idleCpuPercent = ((gateway.cpuMs() - idleFrom) / 3000) * 100;

  const traffic = createSmsTraffic(sandbox);
  const chains = new Map<string, Promise<unknown>>();
  const cpuFrom = gateway.cpuMs();
  let peakRssMiB = 0;
  const sampler = setInterval(() => {
    peakRssMiB = Math.max(peakRssMiB, gateway.rssMiB());
  }, 250);
  const start = performance.now();
  const total = rate * seconds;
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const from = handset(i);
    const previous = chains.get(from) ?? Promise.resolve();
    chains.set(
      from,
      previous.then(() => traffic.send(from, `${tag}-${i}`)),
    );
  }
  await Promise.all(chains.values());
  const offerEnd = performance.now();
  const repliedDuringOffer = traffic.repliedCount();
  const acknowledged = traffic.texts.filter((text) => text.status === 200).length;
  const backlogAtEnd = acknowledged - repliedDuringOffer;
  let drained: number | null = null;
  while (performance.now() - offerEnd < drainSeconds * 1000) {
    if (traffic.repliedCount() >= acknowledged) {
      drained = (performance.now() - offerEnd) / 1000;
      break;
    }
    await sleep(100);
  }
  clearInterval(sampler);
  const cpuMs = gateway.cpuMs() - cpuFrom;
  const report = traffic.report();
  traffic.close();
  await gateway.stop();
  await sandbox.stop();
  await model?.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    scenario,
    workers,
    repliesPerSecond: repliedDuringOffer / ((offerEnd - start) / 1000),
    backlogAtEnd,
    drainSeconds: drained,
    p50: percentile(report.latencies, 50),
    p99: percentile(report.latencies, 99),
    lost: report.lost,
    duplicated: report.duplicated,
    outOfOrder: report.outOfOrderSenders,
    cpuMsPerMessage: cpuMs / Math.max(1, report.acknowledged),
    idleCpuPercent,
    peakRssMiB,
  };
}

async function main(): Promise<void> {
  console.log(`Machine: ${formatMachine()}`);
  console.log(
    `${rate} texts/s for ${seconds} s from ${senders} handsets; Twilio create latency 200-600 ms, rate limit 25/s ` +
      '(429, Retry-After 1); model turns 1-2 s',
  );
  const results: RunResult[] = [];
  for (const scenario of scenarios) {
    for (const workers of workerCounts) {
      const result = await run(scenario, workers, `${scenario}${workers}-${Date.now().toString(36)}`);
      results.push(result);
      console.error(JSON.stringify(result));
    }
  }
  const fmt = (n: number | null, digits = 0) =>
    n === null
      ? 'not drained'
      : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  console.log(
    '| turn | workers | replies/s while offered | backlog at end | drain (s) | p50 / p99 text to reply (s) | lost / dup / out of order | gateway CPU per message (ms) | idle CPU (%) | peak RSS (MiB) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.scenario} | ${r.workers} | ${fmt(r.repliesPerSecond, 1)} | ${r.backlogAtEnd} | ${fmt(r.drainSeconds, 1)} | ` +
        `${fmt(r.p50 / 1000, 1)} / ${fmt(r.p99 / 1000, 1)} | ${r.lost} / ${r.duplicated} / ${r.outOfOrder} | ` +
        `${fmt(r.cpuMsPerMessage, 2)} | ${fmt(r.idleCpuPercent, 1)} | ${fmt(r.peakRssMiB, 0)} |`,
    );
  }
}

await main();
