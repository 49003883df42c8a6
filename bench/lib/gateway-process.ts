/**
 * @module bench/lib/gateway-process
 * The built gateway (`apps/gateway/dist`, or another build given by path) as a child process of a stress script:
 * a config file for it, start (resolves once it logs that it listens), stop with SIGTERM, `kill -9`, and the CPU
 * time and RSS it used, read from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ACCOUNT_SID = 'AC5a4db0c05a4db0c05a4db0c05a4db0c0';
export const AUTH_TOKEN = 'f4cec0def4cec0def4cec0def4cec0de';
export const NUMBER = '+12025550100';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The gateway build the bench runs by default (`apps/gateway/dist`). */
export const DEFAULT_GATEWAY_DIST = here('../../apps/gateway/dist');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

export interface GatewayConfigInput {
  dir: string;
  port: number;
  /** The `channels.sms` keys beyond the account (e.g. `twilioApiBaseUrl`, `dmPolicy`). */
  sms?: Record<string, unknown>;
  /** The `gateway` keys beyond host, port, stateDir (e.g. `workers`, `limits`). */
  gateway?: Record<string, unknown>;
  agent?: Record<string, unknown>;
}

/** Writes a config file for one account on 127.0.0.1:`port`, state in `<dir>/state`; returns its path. */
export function writeGatewayConfig(input: GatewayConfigInput): string {
  const url = `http://127.0.0.1:${input.port}/webhooks/sms`;
  const sms = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: NUMBER, publicWebhookUrl: url };
  const config = {
    channels: { sms: { ...sms, ...input.sms } },
    agent: input.agent ?? { kind: 'echo' },
    gateway: {
      host: '127.0.0.1',
      port: input.port,
      stateDir: join(input.dir, 'state'),
      logLevel: 'warn',
      ...input.gateway,
    },
  };
  const file = join(input.dir, `config-${input.port}.json5`);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

export interface GatewayProcess {
  child: ChildProcess;
  pid: number;
  /** `http://127.0.0.1:port`. */
  url: string;
  /** Milliseconds from spawn to "listening". */
  startMs: number;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (a crash: nothing is flushed, nothing is released), then waits for the exit. */
  kill9(): Promise<void>;
  /** CPU time (user + system, all threads) used so far, ms. */
  cpuMs(): number;
  rssMiB(): number;
}

/**
 * Spawns the gateway of `dist` (plain node, as a user runs it) with `configFile`, its output going to `log`;
 * resolves once it listens.
 */
export async function startGatewayProcess(options: {
  configFile: string;
  log: string;
  dist?: string;
  /** Extra node flags (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** The node binary (e.g. the system Node 20 from a bench running on the OpenClaw host's Node 24). @default process.execPath */
  node?: string;
  /** More `startGateway` options (JSON), e.g. `{ turnLimit: false }`. */
  startOptions?: Record<string, unknown>;
}): Promise<GatewayProcess> {
  const dist = options.dist ?? DEFAULT_GATEWAY_DIST;
  const entry = `import { closeOnSignals } from ${JSON.stringify(join(dist, 'close-on-signals.js'))};
import { startGateway } from ${JSON.stringify(join(dist, 'start-gateway.js'))};
await closeOnSignals(await startGateway({ ...${JSON.stringify(options.startOptions ?? {})}, configPath: ${JSON.stringify(options.configFile)} }));`;
  const entryFile = `${options.log}.entry.mjs`;
  writeFileSync(entryFile, entry);
  const fd = openSync(options.log, 'a');
  const started = performance.now();
  const child = spawn(options.node ?? process.execPath, [...(options.nodeArgs ?? []), entryFile], {
    stdio: ['ignore', fd, fd],
    env: { PATH: process.env.PATH ?? '' },
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid ?? 0;
  const url = await waitForListening(options.log, child);
  const startMs = performance.now() - started;
  return {
    child,
    pid,
    url,
    startMs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    cpuMs: () => processCpuMs(pid),
    rssMiB: () => processRssMiB(pid),
  };
}

async function waitForListening(log: string, child: ChildProcess): Promise<string> {
  const pattern = /"msg":"gateway listening on (http:\/\/[^"]+)"/g;
  const before = readFileSync(log, 'utf8').length;
  for (;;) {
    const text = readFileSync(log, 'utf8').slice(before);
    const match = pattern.exec(text);
    pattern.lastIndex = 0;
    if (match !== null) return match[1] ?? '';
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`gateway exited before listening:\n${text.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** CPU time (user + system, all threads) a process has used, ms (from /proc, clock ticks of 10 ms). */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function processRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}
