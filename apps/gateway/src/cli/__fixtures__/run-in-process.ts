import type { CliContext, CliDependencies, CliEnv, CliSmsRequest, CliSmsResult } from '../cli-context.js';
import { createCliDependencies } from '../create-cli-dependencies.js';
import { runCli } from '../run-cli.js';

/** What one in-process run of `sms-channel` produced. */
export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stderr lines, for "one line" assertions. */
  stderrLines: string[];
}

export interface RunOptions {
  /** Members of the real dependencies to replace. */
  deps?: Partial<CliDependencies>;
  /** The environment the command sees. @default {} (nothing from the test process leaks in) */
  env?: CliEnv;
  /** When the "process" is asked to stop. @default never */
  waitForShutdown?: () => Promise<string>;
}

/** Runs the CLI like the bin does, but with buffers for streams, a given env, and no process exit. */
export async function runInProcess(argv: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const context: CliContext = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: options.env ?? {},
    waitForShutdown: options.waitForShutdown ?? (() => new Promise<string>(() => {})),
    deps: { ...createCliDependencies(), ...options.deps },
  };
  const exitCode = await runCli(argv, context);
  return {
    exitCode,
    stdout: out.map((line) => `${line}\n`).join(''),
    stderr: err.map((line) => `${line}\n`).join(''),
    stderrLines: err,
  };
}

/** A `sendSms` that records each request and answers like Twilio (`SM` + 32 hex, `queued`). */
export function createRecordingSender(fail?: (request: CliSmsRequest, index: number) => Error | undefined) {
  const sent: CliSmsRequest[] = [];
  const sendSms = async (request: CliSmsRequest): Promise<CliSmsResult> => {
    const failure = fail?.(request, sent.length);
    if (failure !== undefined) throw failure;
    sent.push(request);
    return { sid: `SM${String(sent.length).padStart(32, '0')}`, status: 'queued' };
  };
  return { sent, sendSms };
}
