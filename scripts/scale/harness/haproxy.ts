/**
 * HAProxy in front of several gateways, as the gateway README's deployment guide sets it up (the backend
 * section below is the guide's, minus TLS: everything here is on loopback). Debian's `haproxy`, installed by
 * scripts/haproxy/install-haproxy.sh when missing; run in the foreground with its own config and a stats socket
 * the test reads server states from.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { repoPath } from './repo-path.js';
import { waitFor } from './wait-for.js';

export interface HaproxyServer {
  name: string;
  port: number;
}

export interface HaproxyOptions {
  /** Where its config, socket and log go. */
  dir: string;
  /** The frontend port (Twilio's side). */
  port: number;
  servers: readonly HaproxyServer[];
  /** Health check interval. @default 1000 */
  checkIntervalMs?: number;
  /** One log line per request (and per server state change) in `<dir>/haproxy.log`. @default false */
  logRequests?: boolean;
}

/**
 * The config: round robin over the gateways, each checked with `GET /readyz` (a draining gateway fails it
 * first, so it leaves the rotation before it stops listening); a request that meets a refused or dropped
 * connection is retried on another gateway (`retry-on`, `option redispatch`): safe, because a webhook is
 * idempotent on its MessageSid. Keep-alive to the gateways, closed by HAProxy well before the gateways'
 * 65 s idle timeout, so a gateway never closes a connection HAProxy is about to reuse; the gateways'
 * `Keep-Alive` hint is not passed on to clients, for the same reason on the client side.
 */
export function haproxyConfig(options: HaproxyOptions, socket: string): string {
  const inter = options.checkIntervalMs ?? 1000;
  const log = options.logRequests === true;
  return `global
    maxconn 4096
    stats socket ${socket} mode 600 level admin
${log ? '    log stdout format raw local0 info\n' : ''}
defaults
    mode http
${log ? '    log global\n    option httplog\n' : ''}    timeout connect 2s
    timeout client 30s
    timeout server 20s
    timeout http-keep-alive 10s
    timeout check 3s
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response junk-response

frontend sms
    bind 127.0.0.1:${options.port}
    option forwardfor
    # The gateways' "Keep-Alive: timeout=65" is for HAProxy; passed on, it makes a client keep idle connections
    # longer than HAProxy's http-keep-alive timeout and send on one HAProxy has just closed.
    http-response del-header Keep-Alive
    default_backend gateways

backend gateways
    balance roundrobin
    option httpchk
    http-check send meth GET uri /readyz
    http-check expect status 200
    default-server inter ${inter}ms fall 2 rise 2
${options.servers.map((server) => `    server ${server.name} 127.0.0.1:${server.port} check`).join('\n')}
`;
}

export interface Haproxy {
  url: string;
  pid: number;
  /** Each gateway's state as HAProxy sees it: `UP`, `DOWN`, `UP 1/2` (going down), `DOWN 1/2` (coming up)... */
  states(): Promise<Record<string, string>>;
  /** Resolves once HAProxy routes to `name` again. */
  waitUp(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Finds the haproxy binary, installing Debian's package when it is missing. */
export function haproxyBinary(): string {
  execFileSync(repoPath('scripts/haproxy/install-haproxy.sh'), { stdio: 'inherit' });
  return '/usr/sbin/haproxy';
}

function ask(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const conn = connect(socket, () => conn.end(`${command}\n`));
    conn.on('data', (chunk: Buffer) => chunks.push(chunk));
    conn.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    conn.on('error', reject);
  });
}

export async function startHaproxy(options: HaproxyOptions): Promise<Haproxy> {
  const binary = haproxyBinary();
  const socket = join(options.dir, 'haproxy.sock');
  const file = join(options.dir, 'haproxy.cfg');
  writeFileSync(file, haproxyConfig(options, socket));
  execFileSync(binary, ['-c', '-q', '-f', file], { stdio: 'inherit' });
  const log = openSync(join(options.dir, 'haproxy.log'), 'a');
  const child: ChildProcess = spawn(binary, ['-db', '-f', file], { stdio: ['ignore', log, log] });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const states = async () => {
    const csv = await ask(socket, 'show stat');
    const rows = csv.split('\n').filter((line) => line.startsWith('gateways,'));
    const header = csv.split('\n')[0]?.replace(/^# /, '').split(',') ?? [];
    const statusAt = header.indexOf('status');
    const out: Record<string, string> = {};
    for (const row of rows) {
      const fields = row.split(',');
      const name = fields[1] ?? '';
      if (name !== 'BACKEND') out[name] = fields[statusAt] ?? '';
    }
    return out;
  };
  await waitFor('HAProxy to answer on its stats socket', async () => {
    if (exited) {
      throw new Error(`HAProxy exited at start: ${readFileSync(join(options.dir, 'haproxy.log'), 'utf8')}`);
    }
    return states().then(
      () => true,
      () => false,
    );
  });
  return {
    url: `http://127.0.0.1:${options.port}`,
    pid: child.pid ?? 0,
    states,
    waitUp: (name) => waitFor(`HAProxy to see ${name} UP`, async () => (await states())[name] === 'UP'),
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
