/**
 * One gateway process as an operator runs it: the built `sms-channel gateway` command (apps/gateway/dist/cli.js)
 * with a config file and a port, its JSON log lines appended to a file. Started again on the same port after a
 * kill, as systemd's `Restart=always` would.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { repoPath } from './repo-path.js';
import { waitFor } from './wait-for.js';

export interface GatewayProcessOptions {
  name: string;
  configFile: string;
  port: number;
  logFile: string;
  env?: Record<string, string>;
}

export interface GatewayProcess {
  readonly name: string;
  readonly port: number;
  /** The running process's pid (changes with each start). */
  readonly pid: number;
  /** Starts the process and resolves once its /readyz answers 200. */
  start(): Promise<void>;
  /** Sends `signal` and resolves with how the process ended. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly running: boolean;
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function isReady(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
  } catch {
    return false;
  }
}

export function gatewayProcess(options: GatewayProcessOptions): GatewayProcess {
  let child: ChildProcess | undefined;
  let ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  let exited = true;
  return {
    name: options.name,
    port: options.port,
    get pid() {
      return child?.pid ?? 0;
    },
    get running() {
      return !exited;
    },
    async start() {
      const log = openSync(options.logFile, 'a');
      child = spawn(
        process.execPath,
        [
          repoPath('apps/gateway/dist/cli.js'),
          'gateway',
          '--config',
          options.configFile,
          '--port',
          String(options.port),
        ],
        { stdio: ['ignore', log, log], env: { ...process.env, ...options.env } },
      );
      exited = false;
      const current = child;
      ended = new Promise((resolve) =>
        current.once('exit', (code, signal) => {
          exited = true;
          resolve({ code, signal });
        }),
      );
      await waitFor(`${options.name} to be ready on port ${options.port}`, async () => {
        if (exited) throw new Error(`${options.name} exited at start:\n${tail(options.logFile)}`);
        return isReady(options.port);
      });
    },
    async stop(signal) {
      if (child === undefined || ended === undefined) throw new Error(`${options.name} was never started`);
      if (!exited) child.kill(signal);
      return ended;
    },
  };
}
