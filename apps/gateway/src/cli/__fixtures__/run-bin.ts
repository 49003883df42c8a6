import { execFile } from 'node:child_process';

export interface BinRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  stderrLines: string[];
}

/**
 * Runs the built `sms-channel` bin as a child process (asynchronously: the sandbox it talks to lives in this
 * process). `env` is the child's whole environment, plus PATH; the timeout also catches a bin that does not
 * exit on its own once its work is done.
 */
export function runBin(
  bin: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(new Error(`sms-channel ${args.join(' ')} did not finish: ${error.message}\n${stderr}`));
          return;
        }
        const stderrLines = stderr.split('\n').filter((line) => line !== '');
        resolve({ exitCode: error === null ? 0 : Number(error.code), stdout, stderr, stderrLines });
      },
    );
  });
}
