/**
 * @module bench/lib/measure
 * Time-boxed repetition with warm-up, so each benchmark measures the same way.
 */

export interface Rate {
  /** Operations completed. */
  ops: number;
  /** Elapsed wall time in milliseconds. */
  ms: number;
  /** Operations per second. */
  perSecond: number;
}

/** Runs `fn` repeatedly for about `durationMs` after a warm-up of `warmupMs`, and reports the rate. */
export function measureRate(fn: () => unknown, durationMs = 2000, warmupMs = 500): Rate {
  runFor(fn, warmupMs);
  return runFor(fn, durationMs);
}

function runFor(fn: () => unknown, durationMs: number): Rate {
  const start = performance.now();
  let ops = 0;
  let now = start;
  while (now - start < durationMs) {
    for (let i = 0; i < 100; i++) fn();
    ops += 100;
    now = performance.now();
  }
  const ms = now - start;
  return { ops, ms, perSecond: (ops / ms) * 1000 };
}

/** The median: the middle value, or the mean of the two middle values of an even count; NaN when empty. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
