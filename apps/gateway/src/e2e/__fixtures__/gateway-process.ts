import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A log line of the gateway (pino JSON). */
export type LogLine = Record<string, unknown> & { msg?: string };

export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  logs: LogLine[];
  /** Resolves with the first log line (already written or future) that matches. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `sms-channel gateway --config <file>` (the built bin) as a child process and resolves once it listens.
 * The child gets a clean environment (PATH only): no TWILIO_* variables of the machine leak in.
 */
export function startGatewayProcess(
  bin: string,
  configFile: string,
  timeoutMs = 20_000,
): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [bin, 'gateway', '--config', configFile], {
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const waiters = new Set<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }>();
  let stderr = '';
  let buffer = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const text of lines) {
      if (text.trim() === '') continue;
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text };
      }
      logs.push(line);
      for (const waiter of waiters) {
        if (waiter.match(line)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const waitForLog = (match: (line: LogLine) => boolean, wait = 15_000) => {
    const found = logs.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<LogLine>((resolve, reject) => {
      const waiter = {
        match,
        resolve: (line: LogLine) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no matching gateway log line within ${wait} ms; stderr: ${stderr}`));
      }, wait);
      waiters.add(waiter);
    });
  };
  return new Promise((resolve, reject) => {
    exited.then(({ code, signal }) =>
      reject(new Error(`gateway exited early (${code ?? signal}): ${stderr}`)),
    );
    waitForLog((line) => /^gateway listening on /.test(line.msg ?? ''), timeoutMs).then((line) => {
      resolve({ url: String(line.url), child, logs, waitForLog, exited });
    }, reject);
  });
}

/** SIGTERM (graceful) and wait for the exit. */
export async function stopGatewayProcess(gateway: GatewayProcess | undefined): Promise<void> {
  if (gateway === undefined || gateway.child.exitCode !== null || gateway.child.signalCode !== null) return;
  gateway.child.kill('SIGTERM');
  await gateway.exited;
}
