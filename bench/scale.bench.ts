/**
 * @module bench/scale
 * Several gateways on one PostgreSQL (issue 16): acknowledged webhooks per second and their latency with 1, 2 and 3
 * gateway processes on PostgreSQL, against one gateway on its embedded SQLite store (the baseline), all behind
 * HAProxy (one per target, round robin, `/readyz` checks; TLS left out: everything is on loopback), and where the
 * CPU goes: the gateways, PostgreSQL (postmaster and backends), HAProxy and the load generator, each read from
 * /proc/<pid>/stat around every slice. Also PostgreSQL's WAL flushes (fsyncs) per webhook: what group commit buys.
 *
 * Every process runs on this machine, as the issue asks: the load generator competes with what it measures, and so
 * does everyone else's work. Targets rotate slice by slice (each round starts with the next target), so all see
 * the same swings; figures are reported as ratios to the SQLite gateway of the same run.
 *
 * Gateways are the built `sms-channel gateway` command (apps/gateway/dist) with the worker pool off
 * (`gateway.workers: 0`: acknowledge and queue only) and the route rate limit lifted; PostgreSQL is a throwaway
 * cluster with fsync ON (every acknowledged webhook is flushed, as in production), the SQLite store runs with
 * synchronous=FULL. Afterwards each store must hold exactly the webhooks answered 200.
 *
 * Run from the repo root after building: `node --import tsx bench/scale.bench.ts`
 * Env: BENCH_ROUNDS (6), BENCH_SLICE_MS (3000), BENCH_CONNECTIONS (64), BENCH_RATE (2000).
 */
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore, openStore } from '@sms-channel/store';
import { type GatewayProcess, gatewayProcess } from '../scripts/scale/harness/gateway-process.js';
import { type Haproxy, startHaproxy } from '../scripts/scale/harness/haproxy.js';
import { startCluster } from '../scripts/scale/harness/postgres-cluster.js';
import { repoPath } from '../scripts/scale/harness/repo-path.js';
import { formatMachine } from './lib/machine.js';
import { median } from './lib/measure.js';
import { processCpuMs, processTreeCpuMs } from './lib/process-cpu.js';
import type { LoadJob, LoadResult } from './lib/webhook-load.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const sliceMs = Number(process.env.BENCH_SLICE_MS ?? 3000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const offeredRate = Number(process.env.BENCH_RATE ?? 2000);

const ACCOUNT_SID = 'AC5a4db0c05a4db0c05a4db0c05a4db0c0';
const AUTH_TOKEN = 'f4cec0def4cec0def4cec0def4cec0de';
const NUMBER = '+12025550100';
/** What Twilio would sign: the public URL at the proxy (the same for every gateway and target). */
const PUBLIC_URL = 'https://sms.example.com/webhooks/sms';
const TARGETS = ['sqlite x1', 'postgres x1', 'postgres x2', 'postgres x3'] as const;
type Target = (typeof TARGETS)[number];
const GROUPS = ['gateways', 'postgres', 'haproxy', 'load'] as const;
type Group = (typeof GROUPS)[number];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function writeConfig(dir: string, name: string, store: Record<string, unknown>): string {
  const file = join(dir, `${name}.json5`);
  const config = {
    channels: {
      sms: {
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        fromNumber: NUMBER,
        publicWebhookUrl: PUBLIC_URL,
      },
    },
    gateway: {
      host: '127.0.0.1',
      stateDir: join(dir, `state-${name}`),
      workers: 0,
      trustProxy: true,
      logLevel: 'info',
      // The route limit (5,000/s by default) is a flood guard; lifted so it cannot cap the measurement.
      limits: { routeRatePerSecond: 1_000_000, routeBurst: 1_000_000 },
      store,
    },
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** WAL flushes (fsyncs) PostgreSQL has counted, read with psql (pg_stat_wal, PostgreSQL >= 14). */
function walSyncs(url: string, password: string): number {
  const out = execFileSync('psql', [url, '-Atc', 'SELECT wal_sync FROM pg_stat_wal'], {
    encoding: 'utf8',
    env: { ...process.env, PGPASSWORD: password },
  });
  return Number(out.trim());
}

interface Totals {
  ok: number;
  okTotal: number;
  ms: number;
  latencies: number[];
  failed: number;
  rates: number[];
  cpu: Record<Group, number>;
}

const emptyTotals = (): Totals => ({
  ok: 0,
  okTotal: 0,
  ms: 0,
  latencies: [],
  failed: 0,
  rates: [],
  cpu: { gateways: 0, postgres: 0, haproxy: 0, load: 0 },
});

async function main(): Promise<void> {
  if (!existsSync(repoPath('apps/gateway/dist/cli.js'))) {
    throw new Error('build first: scripts/pnpm --filter @sms-channel/gateway... build');
  }
  const dir = mkdtempSync(join(tmpdir(), 'sms-scale-bench-'));
  const cluster = startCluster({ durable: true });
  const running: { stop(): Promise<unknown> }[] = [];
  try {
    const pgConfig = writeConfig(dir, 'postgres', {
      url: cluster.url,
      password: { source: 'env', id: 'BENCH_DB_PASSWORD' },
    });
    const sqliteConfig = writeConfig(dir, 'sqlite', { kind: 'sqlite' });
    const env = { BENCH_DB_PASSWORD: cluster.password };
    const pg: GatewayProcess[] = [];
    for (let n = 1; n <= 3; n += 1) {
      const port = await freePort();
      pg.push(
        gatewayProcess({ name: `pg${n}`, configFile: pgConfig, port, logFile: join(dir, `pg${n}.log`), env }),
      );
    }
    const sqlite = gatewayProcess({
      name: 'sqlite1',
      configFile: sqliteConfig,
      port: await freePort(),
      logFile: join(dir, 'sqlite1.log'),
    });
    // One at a time: the first PostgreSQL gateway creates the schema.
    for (const gateway of [sqlite, ...pg]) {
      await gateway.start();
      running.push({ stop: () => gateway.stop('SIGTERM') });
    }
    const members: Record<Target, GatewayProcess[]> = {
      'sqlite x1': [sqlite],
      'postgres x1': pg.slice(0, 1),
      'postgres x2': pg.slice(0, 2),
      'postgres x3': pg,
    };
    const proxies = {} as Record<Target, Haproxy>;
    for (const [i, target] of TARGETS.entries()) {
      const proxyDir = join(dir, `haproxy-${i}`);
      execFileSync('mkdir', ['-p', proxyDir]);
      proxies[target] = await startHaproxy({
        dir: proxyDir,
        port: await freePort(),
        servers: members[target].map((gateway) => ({ name: gateway.name, port: gateway.port })),
      });
      running.push(proxies[target]);
      for (const gateway of members[target]) await proxies[target].waitUp(gateway.name);
    }

    const load = fork(repoPath('bench/lib/webhook-load.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: 'inherit',
    });
    const loadPid = load.pid ?? 0;
    const cpuOf = (target: Target): Record<Group, number> => ({
      gateways: members[target].reduce((sum, gateway) => sum + processCpuMs(gateway.pid), 0),
      postgres: processTreeCpuMs(cluster.pid()),
      haproxy: processCpuMs(proxies[target].pid),
      load: processCpuMs(loadPid),
    });
    const runJob = (target: Target, ratePerSecond?: number) =>
      new Promise<{ result: LoadResult; cpu: Record<Group, number> }>((resolve) => {
        const before = cpuOf(target);
        load.once('message', (result) => {
          const after = cpuOf(target);
          const cpu = Object.fromEntries(
            GROUPS.map((group) => [group, after[group] - before[group]]),
          ) as Record<Group, number>;
          resolve({ result: result as LoadResult, cpu });
        });
        const job: LoadJob = {
          url: `${proxies[target].url}/webhooks/sms`,
          signedUrl: PUBLIC_URL,
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

    const acknowledged: Record<Target, number> = {
      'sqlite x1': 0,
      'postgres x1': 0,
      'postgres x2': 0,
      'postgres x3': 0,
    };
    const phase = async (label: string, ratePerSecond?: number) => {
      const totals = Object.fromEntries(TARGETS.map((target) => [target, emptyTotals()])) as Record<
        Target,
        Totals
      >;
      for (let round = 0; round < rounds; round += 1) {
        const order = TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length] as Target);
        const shown: string[] = [];
        for (const target of order) {
          const { result, cpu } = await runJob(target, ratePerSecond);
          const total = totals[target];
          total.ok += result.ok;
          total.okTotal += result.okTotal;
          total.ms += result.ms;
          total.latencies.push(...result.latencies);
          total.failed += Object.values(result.failed).reduce((a, b) => a + b, 0);
          total.rates.push((result.ok / result.ms) * 1000);
          for (const group of GROUPS) total.cpu[group] += cpu[group];
          acknowledged[target] += result.okTotal;
          shown.push(`${target} ${((result.ok / result.ms) * 1000).toFixed(0)}/s`);
          if (Object.keys(result.failed).length > 0)
            console.error(`${target} ${label}: failed`, result.failed);
        }
        console.error(`${label} ${round + 1}/${rounds}: ${shown.join(', ')}`);
      }
      return totals;
    };
    const closed = await phase('closed loop');
    const open = await phase(`open loop ${offeredRate}/s`, offeredRate);

    // WAL flushes per webhook, target by target: idle backends report their counts within 10 s (PostgreSQL's
    // stats interval), so each window is followed by a quiet 11 s before it is read.
    const walPerWebhook: Partial<Record<Target, { syncs: number; webhooks: number }>> = {};
    const settle = () => new Promise((resolve) => setTimeout(resolve, 11_000));
    await settle();
    for (const target of TARGETS.filter((name) => name.startsWith('postgres'))) {
      const before = walSyncs(cluster.url, cluster.password);
      const { result } = await runJob(target);
      acknowledged[target] += result.okTotal;
      await settle();
      walPerWebhook[target] = {
        syncs: walSyncs(cluster.url, cluster.password) - before,
        webhooks: result.okTotal,
      };
    }
    load.disconnect();
    for (const item of running.splice(0).reverse()) await item.stop();

    const sqliteStore = await openStore(join(dir, 'state-sqlite', 'store.db'));
    const sqliteQueued = (await sqliteStore.countInbound()).pending;
    await sqliteStore.close();
    const pgStore = await openPostgresStore({ connectionString: cluster.url, password: cluster.password });
    const pgQueued = (await pgStore.countInbound()).pending;
    await pgStore.close();

    report(closed, open, walPerWebhook);
    const pgAcked = acknowledged['postgres x1'] + acknowledged['postgres x2'] + acknowledged['postgres x3'];
    console.log(`SQLite: answered 200 to ${acknowledged['sqlite x1']} webhooks, queued: ${sqliteQueued}`);
    console.log(`PostgreSQL: answered 200 to ${pgAcked} webhooks, queued: ${pgQueued}`);
    if (sqliteQueued !== acknowledged['sqlite x1'] || pgQueued !== pgAcked) {
      console.error('MISMATCH: a store does not hold every acknowledged webhook');
      process.exitCode = 1;
    }
  } finally {
    for (const item of running.reverse()) await item.stop().catch(() => undefined);
    cluster.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(
  closed: Record<Target, Totals>,
  open: Record<Target, Totals>,
  wal: Partial<Record<Target, { syncs: number; webhooks: number }>>,
): void {
  const fmt = (n: number, digits = 0) =>
    Number.isFinite(n)
      ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
      : '-';
  const rate = (total: Totals) => (total.ok / total.ms) * 1000;
  const sortedOf = (total: Totals) => Float64Array.from(total.latencies).sort();
  const base = closed['sqlite x1'];
  console.log(`Machine: ${formatMachine()}`);
  console.log(
    `${rounds} rounds x ${sliceMs} ms per target and phase, ${connections} keep-alive connections through HAProxy, ` +
      'worker pool off; PostgreSQL with fsync on, SQLite synchronous=FULL',
  );
  console.log(
    '| target | webhooks/s (closed loop) | vs SQLite x1 | per-round range | p50 / p99 at that load (ms) | ' +
      `p50 / p99 at ${fmt(offeredRate)}/s offered (ms) | WAL fsyncs per 100 webhooks |`,
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const target of TARGETS) {
    const c = closed[target];
    const o = open[target];
    const cs = sortedOf(c);
    const os = sortedOf(o);
    const w = wal[target];
    const cells = [
      target,
      fmt(rate(c)),
      `${fmt(rate(c) / rate(base), 2)}x`,
      `${fmt(Math.min(...c.rates))}-${fmt(Math.max(...c.rates))}`,
      `${fmt(percentile(cs, 50), 1)} / ${fmt(percentile(cs, 99), 1)}`,
      `${fmt(percentile(os, 50), 1)} / ${fmt(percentile(os, 99), 1)}`,
      w === undefined ? '-' : fmt((100 * w.syncs) / w.webhooks, 1),
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
  console.log(
    '\nWhere the CPU goes at saturation (closed loop): share of one core over the slices, and CPU per webhook',
  );
  console.log(
    '| target | gateways | PostgreSQL | HAProxy | load generator | total cores busy | CPU per webhook, all (us) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const target of TARGETS) {
    const c = closed[target];
    const cores = (group: Group) => c.cpu[group] / c.ms;
    const all = GROUPS.reduce((sum, group) => sum + c.cpu[group], 0);
    const perWebhook = (ms: number) => fmt((ms * 1000) / c.ok);
    const cell = (group: Group) => `${fmt(cores(group) * 100)}% (${perWebhook(c.cpu[group])} us)`;
    console.log(
      `| ${target} | ${GROUPS.map(cell).join(' | ')} | ${fmt(all / c.ms, 2)} | ${perWebhook(all)} |`,
    );
  }
  const failed = TARGETS.map((target) => `${target} ${closed[target].failed + open[target].failed}`).join(
    ', ',
  );
  console.log(`failed requests: ${failed}`);
  console.log(`median closed-loop rate per round, SQLite x1: ${fmt(median(base.rates))}/s`);
}

await main();
