import { type ChildProcess, spawn } from 'node:child_process';

export interface SpawnedBin {
  child: ChildProcess;
  /** Resolves with the first stdout line (already printed or future) that matches. */
  waitForLine(match: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves once stderr (so far or later) matches. */
  waitForStderr(match: RegExp): Promise<void>;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the built bin as a long-running child process (`sms-channel gateway ...`), stdout read line by line. */
export function spawnBin(bin: string, args: readonly string[], env: Record<string, string>): SpawnedBin {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<{ match: RegExp; resolve: (line: string) => void }>();
  let partial = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of waiters) {
        if (!waiter.match.test(line)) continue;
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  });
  const stderrWaiters = new Set<{ match: RegExp; resolve: () => void }>();
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const waiter of stderrWaiters) {
      if (!waiter.match.test(stderr)) continue;
      stderrWaiters.delete(waiter);
      waiter.resolve();
    }
  });
  const waitForStderr = (match: RegExp) =>
    match.test(stderr)
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          stderrWaiters.add({ match, resolve });
        });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const waitForLine = (match: RegExp, timeoutMs = 15_000) => {
    const found = lines.find((line) => match.test(line));
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<string>((resolve, reject) => {
      const waiter = { match, resolve };
      waiters.add(waiter);
      setTimeout(() => {
        if (!waiters.delete(waiter)) return;
        reject(new Error(`no stdout line matched ${match} within ${timeoutMs} ms; stderr: ${stderr}`));
      }, timeoutMs).unref();
    });
  };
  return { child, waitForLine, waitForStderr, stderr: () => stderr, exited };
}
