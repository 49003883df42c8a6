// Preloaded into a benchmarked gateway (node --expose-gc --import <this file>?out=<file>): every 5 s it appends the
// process's memory (process.memoryUsage) to <file> as a JSON line; on SIGUSR2 it runs a full GC and appends the
// memory after it, and how long the GC paused the event loop. Nothing in the gateway changes.
import { appendFileSync } from 'node:fs';

const out = new URL(import.meta.url).searchParams.get('out');
if (!out) throw new Error('gateway-memory-probe: give the output file as ?out=<path> in the --import URL');
const write = (record) => appendFileSync(out, `${JSON.stringify({ at: Date.now(), ...record })}\n`);
setInterval(() => write({ kind: 'sample', ...process.memoryUsage() }), 5000).unref();
process.on('SIGUSR2', () => {
  if (typeof globalThis.gc !== 'function') {
    write({ kind: 'gc', error: 'no --expose-gc' });
    return;
  }
  const started = performance.now();
  globalThis.gc();
  write({ kind: 'gc', pauseMs: performance.now() - started, ...process.memoryUsage() });
});
