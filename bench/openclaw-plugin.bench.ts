/**
 * @module bench/openclaw-plugin
 * The `sms` plugin inside the OpenClaw host (issue 17): acknowledged webhooks per second (closed loop, 64
 * keep-alive connections of signed inbound SMS with unique MessageSids, `lib/webhook-load.ts`) and p50/p99 at
 * that load, for the plugin of this branch ("after") and, when given, an older build of it ("before"), each in
 * its own host (`openclaw gateway run`, its own state dir), against the standalone gateway (`apps/gateway/dist`)
 * on the same machine. Targets rotate slice by slice (each round starts with the next target), so all see the
 * same swings of a shared machine; figures are ratios to the standalone gateway of the same run, with the CPU
 * time per webhook of each server process (all threads, and its main thread alone: the event loop the issue
 * profiled).
 *
 * No assistant turn runs: every account has `dmPolicy: "disabled"`, so a webhook is checked, stored and
 * acknowledged as always, then a worker claims it, denies it (no reply, no pairing code, no model call) and marks
 * it done. The standalone gateway gets the same policy and its 2 workers (the plugin's fixed count); the
 * "standalone, workers 0" target (acknowledge and queue only) is the baseline. The standalone route rate
 * limit (5,000/s, a flood guard) is lifted so it cannot cap the figure; logs stay at `info` everywhere (the
 * hosts' default, and what the issue measured). Twilio's API points at a closed loopback port: nothing is sent.
 *
 * Hosts: the cached OpenClaw host (`scripts/openclaw/setup-host.sh`), each through `scripts/openclaw/openclaw`
 * with its own OPENCLAW_TEST_ROOT; the plugin is installed from its built folder (`openclaw plugins install
 * <dir> --force --accept-capabilities`). The standalone gateway runs on the system Node (Node 20 with
 * better-sqlite3, as users run it; the hosts' plugin stores use node:sqlite on Node 24). Afterwards each store
 * must hold exactly the webhooks answered 200 (counted with node:sqlite).
 *
 * Run from the repo root after `scripts/pnpm run build`, on the host's Node (on an older Node the bench runs
 * itself again on the host's, as `scripts/pnpm run bench` starts it):
 *
 *   source scripts/openclaw/env.sh
 *   git worktree add --detach /tmp/bench-before 0081bd1 && (cd /tmp/bench-before && scripts/pnpm install \
 *     --frozen-lockfile && scripts/pnpm exec turbo run build --filter=@sms-channel/gateway... && \
 *     scripts/pnpm --filter @sms-channel/gateway build:plugin)
 *   BENCH_BEFORE_PLUGIN=/tmp/bench-before/apps/gateway/dist-plugin/openclaw-sms \
 *     "$OPENCLAW_NODE" --import tsx bench/openclaw-plugin.bench.ts
 *   git worktree remove --force /tmp/bench-before
 *
 * Env: BENCH_ROUNDS (6), BENCH_SLICE_MS (3000), BENCH_WARMUP_MS (500), BENCH_CONNECTIONS (64),
 * BENCH_TARGETS (comma-separated subset of after,before,standalone,standalone-w0; default all that can run),
 * BENCH_BEFORE_PLUGIN (the "before" plugin folder; without it that target is left out),
 * BENCH_AFTER_PLUGIN (default apps/openclaw-plugin/dist-plugin/openclaw-sms),
 * BENCH_STANDALONE_NODE (default: the first `node` on PATH that is not this one, else this one),
 * BENCH_PROFILE_MS (0: off; else the "after" host is restarted with `--cpu-prof` after the rounds, loaded for
 * that long, and the top self-time functions of its main thread are printed),
 * BENCH_KEEP=1 (keep the run's directory, logs included).
 */
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
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
import { median } from './lib/measure.js';
import { mainThreadCpuMs, processCpuMs } from './lib/process-cpu.js';
import type { LoadJob, LoadResult } from './lib/webhook-load.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const sliceMs = Number(process.env.BENCH_SLICE_MS ?? 3000);
const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 500);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const profileMs = Number(process.env.BENCH_PROFILE_MS ?? 0);
const afterPlugin =
  process.env.BENCH_AFTER_PLUGIN ?? join(repo, 'apps/openclaw-plugin/dist-plugin/openclaw-sms');
const beforePlugin = process.env.BENCH_BEFORE_PLUGIN;
/** The env var the hosts read the Twilio auth token from (a secret ref, as users configure it). */
const TOKEN_ENV = 'SMS_BENCH_TWILIO_AUTH_TOKEN';
/** A loopback port nothing listens on (discard): the Twilio API base URL, so nothing leaves the machine. */
const NO_TWILIO = 'http://127.0.0.1:9';

const ALL_TARGETS = ['after', 'before', 'standalone', 'standalone-w0'] as const;
type Target = (typeof ALL_TARGETS)[number];
const LABELS: Record<Target, string> = {
  after: 'plugin in host, after (this branch)',
  before: 'plugin in host, before (0081bd1)',
  standalone: 'standalone gateway, 2 workers',
  'standalone-w0': 'standalone gateway, workers 0',
};

/** A server under load: where to send, which process to read CPU from, how to stop it. */
interface Server {
  url: string;
  pid: number;
  storeFile: string;
  log: string;
  stop(): Promise<void>;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The OpenClaw host's paths (OPENCLAW_NODE, OPENCLAW_MJS...): setup-host.sh installs it on first use. */
function hostPaths(): Record<string, string> {
  const out = execFileSync(join(repo, 'scripts/openclaw/setup-host.sh'), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return Object.fromEntries(
    out
      .split('\n')
      .filter((line) => line.startsWith('OPENCLAW_'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** The first `node` on PATH that is not this process's (the host's Node 24): the system Node. */
function systemNode(): string {
  if (process.env.BENCH_STANDALONE_NODE !== undefined) return process.env.BENCH_STANDALONE_NODE;
  const self = realpathSync(process.execPath);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'node');
    if (existsSync(candidate) && realpathSync(candidate) !== self) return candidate;
  }
  return process.execPath;
}

/** The HTTP status of a GET, or 0 when nothing answers. */
function statusOf(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * One OpenClaw host with the plugin of `pluginDir`: its own root (HOME, state, config), the plugin installed
 * from its folder, `channels.sms` patched in, `openclaw gateway run` started in a process group of its own;
 * resolves once the plugin's webhook route answers (405 to a GET: only the plugin's route does).
 */
async function startHost(options: {
  name: string;
  dir: string;
  pluginDir: string;
  host: Record<string, string>;
  nodeOptions?: string;
  /** An existing root (a restart): install and config are already there. */
  reuse?: boolean;
}): Promise<Server> {
  const root = join(options.dir, options.name);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/webhooks/sms`;
  const env = {
    ...process.env,
    OPENCLAW_TEST_ROOT: root,
    OPENCLAW_NODE: options.host.OPENCLAW_NODE ?? '',
    OPENCLAW_MJS: options.host.OPENCLAW_MJS ?? '',
    [TOKEN_ENV]: AUTH_TOKEN,
  };
  const wrapper = join(repo, 'scripts/openclaw/openclaw');
  const cli = (args: string[], timeoutMs: number) => {
    const file = join(root, `${args[0]}-${args[1]}.out`);
    try {
      execFileSync(wrapper, args, { env, timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const e = error as { stdout?: Buffer; stderr?: Buffer };
      writeFileSync(file, `${e.stdout ?? ''}${e.stderr ?? ''}`);
      throw new Error(`${options.name}: openclaw ${args.join(' ')} failed (see ${file})`, { cause: error });
    }
  };
  mkdirSync(root, { recursive: true });
  if (options.reuse !== true) {
    cli(['plugins', 'install', options.pluginDir, '--force', '--accept-capabilities'], 300_000);
  }
  const patch = {
    gateway: { mode: 'local', port, bind: 'loopback', auth: { mode: 'token', token: 'sms-bench-token' } },
    update: { checkOnStart: false },
    logging: { file: join(root, 'openclaw.log') },
    plugins: { allow: ['sms'] },
    channels: {
      sms: {
        enabled: true,
        accountSid: ACCOUNT_SID,
        authToken: { source: 'env', provider: 'default', id: TOKEN_ENV },
        fromNumber: NUMBER,
        publicWebhookUrl: url,
        twilioApiBaseUrl: NO_TWILIO,
        dmPolicy: 'disabled',
      },
    },
  };
  const patchFile = join(root, 'bench.patch.json');
  writeFileSync(patchFile, JSON.stringify(patch));
  cli(['config', 'patch', '--file', patchFile], 120_000);

  const log = join(root, 'gateway.log');
  const fd = openSync(log, 'a');
  const child = spawn(wrapper, ['gateway', 'run'], {
    env: options.nodeOptions === undefined ? env : { ...env, NODE_OPTIONS: options.nodeOptions },
    stdio: ['ignore', fd, fd],
    // Its own process group: children it leaves (the spawn broker) are stopped with it.
    detached: true,
  });
  closeSync(fd);
  const pid = child.pid ?? 0;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (!exited(child)) child.kill('SIGTERM');
    const timer = setTimeout(() => !exited(child) && child.kill('SIGKILL'), 60_000);
    await gone;
    clearTimeout(timer);
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // The group is already empty.
    }
  };
  const deadline = performance.now() + 300_000;
  while ((await statusOf(url)) !== 405) {
    if (exited(child))
      throw new Error(`${options.name}: the host exited before serving the webhook (${log})`);
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`${options.name}: no webhook route after 300 s (${log})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const storeFile = join(root, 'state/sms-channel/accounts/default/store.db');
  return { url, pid, storeFile, log, stop };
}

async function startStandalone(dir: string, name: string, workers: number, node: string): Promise<Server> {
  const sub = join(dir, name);
  mkdirSync(sub, { recursive: true });
  const port = await freePort();
  const configFile = writeGatewayConfig({
    dir: sub,
    port,
    sms: { dmPolicy: 'disabled', twilioApiBaseUrl: NO_TWILIO },
    gateway: {
      workers,
      logLevel: 'info',
      limits: { routeRatePerSecond: 1_000_000, routeBurst: 1_000_000 },
    },
  });
  const log = join(sub, 'gateway.log');
  const gateway = await startGatewayProcess({ configFile, log, node });
  return {
    url: `${gateway.url}/webhooks/sms`,
    pid: gateway.pid,
    storeFile: join(sub, 'state', 'store.db'),
    log,
    stop: () => gateway.stop(),
  };
}

/** Rows in a store's inbound table, and those not yet handled, read with node:sqlite (this process is Node 24). */
async function countInbound(file: string): Promise<{ rows: number; unsettled: number }> {
  const { DatabaseSync } = (await import('node:sqlite' as string)) as {
    DatabaseSync: new (
      path: string,
      options: { readOnly: boolean },
    ) => {
      prepare(sql: string): { get(): { rows: number; unsettled: number } };
      close(): void;
    };
  };
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db
      .prepare(
        "SELECT count(*) AS rows, count(*) FILTER (WHERE state IN ('pending', 'claimed')) AS unsettled FROM inbound",
      )
      .get();
  } finally {
    db.close();
  }
}

interface Totals {
  ok: number;
  okTotal: number;
  ms: number;
  latencies: number[];
  failed: Record<string, number>;
  rates: number[];
  cpuMs: number;
  mainMs: number;
}

/** Microseconds of CLOCK_MONOTONIC: the clock of V8's profile timestamps, the same in every process. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

interface ProfileSummary {
  /** Share of the window the main thread was not idle. */
  busy: number;
  /** The largest self times, as shares of the busy time. */
  top: { name: string; share: number }[];
}

/**
 * Self time per function of a `.cpuprofile` (V8's format) within `window` (monotonic us: the load, not the
 * host's start-up or shutdown), the `top` largest as shares of the busy (non-idle) samples.
 */
function topSelfTime(file: string, window: [number, number], top: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, number>();
  let at = profile.startTime;
  let busy = 0;
  let all = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    const frame = byId.get(id);
    if (at < window[0] || at > window[1] || frame === undefined) return;
    all += us;
    if (frame.functionName === '(idle)') return;
    busy += us;
    const where =
      frame.url === ''
        ? ''
        : ` ${frame.url.replace(/^.*\/(node_modules|extensions)\//, '')}:${frame.lineNumber + 1}`;
    const name = `${frame.functionName || '(anonymous)'}${where}`;
    self.set(name, (self.get(name) ?? 0) + us);
  });
  const ranked = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { busy: busy / all, top: ranked.map(([name, us]) => ({ name, share: us / busy })) };
}

async function main(): Promise<void> {
  const [major] = process.versions.node.split('.').map(Number);
  if ((major ?? 0) < 24) {
    // The hosts' plugin stores are read with node:sqlite, and the host wants Node >= 24.16: run again on the
    // host's own Node (`scripts/pnpm run bench` starts every bench on the workspace's Node 20).
    const hostNode = hostPaths().OPENCLAW_NODE;
    if (hostNode === undefined) throw new Error('setup-host.sh printed no OPENCLAW_NODE');
    console.error(`${process.version} is below 24: running again on the OpenClaw host's Node (${hostNode})`);
    const child = spawn(hostNode, ['--import', 'tsx', fileURLToPath(import.meta.url)], { stdio: 'inherit' });
    process.exitCode = await new Promise<number>((resolve) =>
      child.once('exit', (code) => resolve(code ?? 1)),
    );
    return;
  }
  const wanted = (process.env.BENCH_TARGETS ?? ALL_TARGETS.join(',')).split(',');
  for (const name of wanted) {
    if (!(ALL_TARGETS as readonly string[]).includes(name)) {
      throw new Error(`BENCH_TARGETS: unknown target "${name}"; expected some of ${ALL_TARGETS.join(', ')}`);
    }
  }
  if (wanted.includes('before') && beforePlugin === undefined) {
    console.error('"before" left out: BENCH_BEFORE_PLUGIN names no plugin folder');
  }
  const targets = ALL_TARGETS.filter(
    (target) => wanted.includes(target) && (target !== 'before' || beforePlugin !== undefined),
  );
  for (const [target, dir] of [
    ['after', afterPlugin],
    ['before', beforePlugin],
  ] as const) {
    if (targets.includes(target) && !existsSync(join(dir ?? '', 'openclaw.plugin.json'))) {
      throw new Error(`${target}: no built plugin in ${dir} (no openclaw.plugin.json); build it first`);
    }
  }
  if (!existsSync(join(repo, 'apps/gateway/dist/start-gateway.js'))) {
    throw new Error('build first: scripts/pnpm run build (apps/gateway/dist is missing)');
  }
  const host = hostPaths();
  const node = systemNode();
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'openclaw-plugin-bench-'));
  const servers = new Map<Target, Server>();
  try {
    const started = performance.now();
    // The hosts start together (each takes tens of seconds, mostly waiting), the standalone gateways after.
    const hosts = await Promise.all(
      targets
        .filter((target) => target === 'after' || target === 'before')
        .map(async (target) => {
          const pluginDir = target === 'after' ? afterPlugin : (beforePlugin ?? '');
          return [target, await startHost({ name: target, dir, pluginDir, host })] as const;
        }),
    );
    for (const [target, server] of hosts) servers.set(target, server);
    if (targets.includes('standalone'))
      servers.set('standalone', await startStandalone(dir, 'standalone', 2, node));
    if (targets.includes('standalone-w0')) {
      servers.set('standalone-w0', await startStandalone(dir, 'standalone-w0', 0, node));
    }
    console.error(`servers up in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    const load = fork(join(repo, 'bench/lib/webhook-load.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: 'inherit',
    });
    const runJob = (server: Server, durationMs: number) =>
      new Promise<{ result: LoadResult; cpuMs: number; mainMs: number; window: [number, number] }>(
        (resolve) => {
          const cpuBefore = processCpuMs(server.pid);
          const mainBefore = mainThreadCpuMs(server.pid);
          const from = monotonicUs() + warmupMs * 1000;
          load.once('message', (result) =>
            resolve({
              result: result as LoadResult,
              cpuMs: processCpuMs(server.pid) - cpuBefore,
              mainMs: mainThreadCpuMs(server.pid) - mainBefore,
              window: [from, monotonicUs()],
            }),
          );
          const job: LoadJob = {
            url: server.url,
            connections,
            warmupMs,
            durationMs,
            authToken: AUTH_TOKEN,
            accountSid: ACCOUNT_SID,
            to: NUMBER,
          };
          load.send(job);
        },
      );

    const totals = new Map<Target, Totals>(
      targets.map((target) => [
        target,
        { ok: 0, okTotal: 0, ms: 0, latencies: [], failed: {}, rates: [], cpuMs: 0, mainMs: 0 },
      ]),
    );
    for (let round = 0; round < rounds; round += 1) {
      const order = targets.map((_, i) => targets[(i + round) % targets.length] as Target);
      const shown: string[] = [];
      for (const target of order) {
        const server = servers.get(target);
        const total = totals.get(target);
        if (server === undefined || total === undefined) continue;
        const { result, cpuMs, mainMs } = await runJob(server, sliceMs);
        total.ok += result.ok;
        total.okTotal += result.okTotal;
        total.ms += result.ms;
        total.latencies.push(...result.latencies);
        for (const [status, n] of Object.entries(result.failed))
          total.failed[status] = (total.failed[status] ?? 0) + n;
        total.rates.push((result.ok / result.ms) * 1000);
        // CPU over the whole slice (warm-up included), per webhook answered 200 in it.
        total.cpuMs += (cpuMs * result.ok) / result.okTotal;
        total.mainMs += (mainMs * result.ok) / result.okTotal;
        shown.push(`${target} ${((result.ok / result.ms) * 1000).toFixed(0)}/s`);
      }
      console.error(`round ${round + 1}/${rounds}: ${shown.join(', ')}`);
    }

    // What the workers have not handled yet: a target whose workers lag behind its webhooks looks faster in
    // short slices than it can sustain.
    const backlog = new Map<Target, number>();
    for (const [target, server] of servers)
      backlog.set(target, (await countInbound(server.storeFile)).unsettled);

    let profile: ProfileSummary | undefined;
    const after = servers.get('after');
    if (profileMs > 0 && after !== undefined) {
      await after.stop();
      servers.delete('after');
      const profileDir = join(dir, 'cpu-prof');
      const profiled = await startHost({
        name: 'after',
        dir,
        pluginDir: afterPlugin,
        host,
        reuse: true,
        nodeOptions: `--cpu-prof --cpu-prof-dir=${profileDir}`,
      });
      const { result, window } = await runJob(profiled, profileMs);
      const afterTotal = totals.get('after');
      if (afterTotal !== undefined) afterTotal.okTotal += result.okTotal;
      await profiled.stop();
      const file = readdirSync(profileDir).find((name) => name.includes(`.${profiled.pid}.0.`));
      if (file === undefined) console.error(`no CPU profile of pid ${profiled.pid} in ${profileDir}`);
      else profile = topSelfTime(join(profileDir, file), window, 5);
      console.error(`profiled "after" at ${((result.ok / result.ms) * 1000).toFixed(0)}/s`);
      servers.set('after', { ...profiled, stop: async () => undefined });
    }
    load.disconnect();
    for (const server of servers.values()) await server.stop();

    const stored = new Map<Target, number>();
    for (const [target, server] of servers) stored.set(target, (await countInbound(server.storeFile)).rows);
    report({ targets, totals, stored, backlog, node, nodeVersion, profile });
  } finally {
    for (const server of servers.values()) await server.stop().catch(() => undefined);
    if (process.env.BENCH_KEEP === '1') console.error(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function report(input: {
  targets: readonly Target[];
  totals: Map<Target, Totals>;
  stored: Map<Target, number>;
  backlog: Map<Target, number>;
  node: string;
  nodeVersion: string;
  profile: ProfileSummary | undefined;
}): void {
  const { targets, totals, stored, backlog, node, nodeVersion, profile } = input;
  const fmt = (n: number, digits = 0) =>
    Number.isFinite(n)
      ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
      : '-';
  const rate = (total: Totals) => (total.ok / total.ms) * 1000;
  const base = totals.get('standalone') ?? totals.get('standalone-w0');
  const baseName = totals.has('standalone') ? 'standalone' : 'standalone-w0';
  console.log(
    `Machine: ${formatMachine()}; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
  );
  console.log(
    `${rounds} rounds x ${sliceMs} ms (+${warmupMs} ms warm-up) per target, closed loop, ${connections} keep-alive ` +
      `connections, dmPolicy "disabled" (no turns); hosts: openclaw on ${process.version}, plugin store ` +
      `node:sqlite; standalone: ${node} ${nodeVersion}, better-sqlite3`,
  );
  console.log(
    `| target | webhooks/s | vs ${baseName} | per-slice range | p50 / p99 (ms) | server CPU per webhook, all threads / main thread (us) | failed |`,
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const target of targets) {
    const total = totals.get(target);
    if (total === undefined) continue;
    const sorted = Float64Array.from(total.latencies).sort();
    const failed = Object.entries(total.failed)
      .map(([status, n]) => `${n}x ${status}`)
      .join(', ');
    const cells = [
      LABELS[target],
      fmt(rate(total)),
      base === undefined ? '-' : `${fmt(rate(total) / rate(base), 2)}x`,
      `${fmt(Math.min(...total.rates))}-${fmt(Math.max(...total.rates))}`,
      `${fmt(percentile(sorted, 50), 1)} / ${fmt(percentile(sorted, 99), 1)}`,
      `${fmt((total.cpuMs * 1000) / total.ok)} / ${fmt((total.mainMs * 1000) / total.ok)}`,
      failed === '' ? '0' : failed,
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
  const after = totals.get('after');
  const before = totals.get('before');
  if (after !== undefined && before !== undefined) {
    console.log(`after vs before: ${fmt(rate(after) / rate(before), 2)}x webhooks/s`);
  }
  for (const target of targets) {
    const total = totals.get(target);
    if (total !== undefined) console.log(`median slice rate, ${target}: ${fmt(median(total.rates))}/s`);
  }
  let mismatch = false;
  for (const target of targets) {
    const acked = totals.get(target)?.okTotal ?? 0;
    const rows = stored.get(target);
    console.log(
      `${target}: answered 200 to ${acked} webhooks, stored: ${rows}; not yet handled by the workers after the rounds: ${backlog.get(target)}`,
    );
    if (rows !== acked) mismatch = true;
  }
  if (mismatch) {
    console.error('MISMATCH: a store does not hold every acknowledged webhook');
    process.exitCode = 1;
  }
  if (profile !== undefined) {
    console.log(
      `\nTop self-time functions of the "after" host's main thread under load (--cpu-prof, ${profileMs} ms; ` +
        `main thread busy ${fmt(profile.busy * 100)}% of the window; shares of its busy time):`,
    );
    console.log('| function | self time |');
    console.log('| --- | ---: |');
    for (const entry of profile.top) console.log(`| \`${entry.name}\` | ${fmt(entry.share * 100, 1)}% |`);
  }
}

await main();
