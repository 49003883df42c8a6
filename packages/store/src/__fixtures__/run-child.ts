/** Spawns a fixture script under tsx, as a separate Node process. */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..', '..');

/** Spawns the fixture; `stdin: 'pipe'` lets the test write to it (e.g. tell it when to go on). */
export function spawnFixture(
  script: string,
  args: readonly string[],
  options: { stdin?: 'ignore' | 'pipe' } = {},
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(here, script), ...args], {
    cwd: packageRoot,
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
}

/** What a child has printed so far; the fields grow as it prints. */
export interface ChildOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** Collects the child's stdout and stderr from now on. */
export function captureOutput(child: ChildProcess): ChildOutput {
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  return output;
}

/** Runs a fixture to completion and returns its stdout; rejects with its stderr if it fails. */
export function runFixture(script: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnFixture(script, args);
    const output = captureOutput(child);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output.stdout) : reject(new Error(`${script} exited ${code}: ${output.stderr}`)),
    );
  });
}

/** Resolves when the child's stdout has printed `line`. */
export function waitForLine(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const output = captureOutput(child);
    child.stdout?.on('data', function onData() {
      if (output.stdout.split('\n').includes(line)) {
        child.stdout?.off('data', onData);
        resolve();
      }
    });
    child.on('exit', (code) =>
      reject(new Error(`child exited (${code}) before printing ${line}: ${output.stderr}`)),
    );
  });
}
