/**
 * @module bench/lib/slowloris-load
 * A socket-holding attacker, run as its own process (forked, IPC messages): keeps `connections` connections open
 * to a webhook URL. `slow-body` (default) sends the head of a webhook POST declaring `Content-Length: 500`, then
 * one body byte, then nothing; `slow-head` sends half a request head; `idle` sends nothing. With `reopen`
 * (default), each connection the server lets go is opened again at once, until `durationMs` is over. Answers with
 * how many it opened, how many the server closed and with what status, how many were open on average and how
 * long the server held each.
 */
import { connect, type Socket } from 'node:net';

export interface SlowlorisJob {
  url: string;
  connections: number;
  durationMs: number;
  /** Extra request headers (e.g. `X-Forwarded-For`). */
  headers?: Record<string, string>;
  /** @default 'slow-body' */
  mode?: 'slow-body' | 'slow-head' | 'idle';
  /** Open a connection again when the server closes one. @default true */
  reopen?: boolean;
}

export interface SlowlorisResult {
  opened: number;
  /** Connections the server closed (answered or not), by the status it answered ('none': closed silently). */
  closedByServer: Record<string, number>;
  /** Time-averaged number of attacker connections open. */
  meanOpen: number;
  /** Mean time the server held one of them before letting go, ms (connections still open at the end excluded). */
  meanHeldMs: number;
  /** Longest such hold, ms. */
  maxHeldMs: number;
  /** Connections still open when the job ended. */
  stillOpen: number;
}

function run(job: SlowlorisJob): Promise<SlowlorisResult> {
  const { hostname, port, pathname } = new URL(job.url);
  const mode = job.mode ?? 'slow-body';
  const reopen = job.reopen ?? true;
  const fullHead =
    `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
    'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\nX-Twilio-Signature: x\r\n' +
    Object.entries(job.headers ?? {})
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('') +
    '\r\nB';
  const head =
    mode === 'idle' ? '' : mode === 'slow-head' ? `POST ${pathname} HTTP/1.1\r\nHost: x\r\n` : fullHead;
  const closedByServer: Record<string, number> = {};
  const open = new Set<Socket>();
  let opened = 0;
  let heldMs = 0;
  let maxHeldMs = 0;
  let held = 0;
  let stopping = false;
  let openArea = 0;
  let lastChange = performance.now();
  const started = lastChange;
  const account = () => {
    const now = performance.now();
    openArea += open.size * (now - lastChange);
    lastChange = now;
  };
  const openOne = () => {
    if (stopping) return;
    const socket = connect(Number(port), hostname);
    const at = performance.now();
    let received = '';
    account();
    open.add(socket);
    opened += 1;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      account();
      open.delete(socket);
      if (stopping) return;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 'none';
      closedByServer[status] = (closedByServer[status] ?? 0) + 1;
      heldMs += performance.now() - at;
      maxHeldMs = Math.max(maxHeldMs, performance.now() - at);
      held += 1;
      if (reopen) setImmediate(openOne);
      else if (open.size === 0) finish();
    });
    if (head !== '') socket.write(head);
  };
  let finish: () => void = () => {};
  const done = new Promise<SlowlorisResult>((resolve) => {
    finish = () => {
      if (stopping) return;
      clearTimeout(timer);
      account();
      stopping = true;
      const meanOpen = openArea / (performance.now() - started);
      const stillOpen = open.size;
      for (const socket of open) socket.destroy();
      const meanHeldMs = held === 0 ? Number.NaN : heldMs / held;
      resolve({ opened, closedByServer, meanOpen, meanHeldMs, maxHeldMs, stillOpen });
    };
  });
  const timer = setTimeout(() => finish(), job.durationMs);
  for (let i = 0; i < job.connections; i += 1) openOne();
  return done;
}

process.on('message', (job: SlowlorisJob) => {
  run(job).then((result) => process.send?.(result));
});
process.on('disconnect', () => process.exit(0));
