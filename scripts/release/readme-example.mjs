/**
 * @module readme-example
 * A package README's example, as the packaging test runs it: the first ```ts block of the README, written to a
 * `.mts` file of the scratch project as it stands (no lines added), type-checked there, then run.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';

/** The first ```ts block of a README; `undefined` when it has none. */
export function firstTsBlock(markdown) {
  return /^```ts\n([\s\S]*?)^```/m.exec(markdown)?.[1];
}

/** The port an example that starts a server listens on (`.listen(8790, ...)`); `undefined` for other examples. */
export function listenPort(code) {
  const port = /\.listen\(\s*(\d+)/.exec(code)?.[1];
  return port === undefined ? undefined : Number(port);
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `command args` in `cwd`. An example that starts a server (`port` given) runs until the port accepts
 * connections, then gets SIGINT and must exit 0 by itself (its own shutdown); any other example must exit 0
 * within `timeoutMs`. Resolves `{ ok, output, detail }`.
 */
export function runExample({ command, args, cwd, env, port, timeoutMs = 60_000 }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let exited = false;
    let interrupted = false;
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const limit = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      exited = true;
      clearTimeout(limit);
      const ok = code === 0 && (port === undefined || interrupted);
      const how = signal === null ? `exit ${code}` : `killed by ${signal}`;
      const detail =
        port === undefined
          ? how
          : interrupted
            ? `listened on ${port}, stopped on SIGINT (${how})`
            : `never listened on ${port} (${how})`;
      resolve({ ok, output, detail });
    });
    if (port !== undefined) {
      void (async () => {
        while (!exited) {
          if (await portOpen(port)) {
            interrupted = true;
            child.kill('SIGINT');
            return;
          }
          await sleep(200);
        }
      })();
    }
  });
}
