/**
 * Acknowledgements first. The webhook and the workers share one event loop (and, in the OpenClaw plugin, the
 * host's): when the loop is overloaded, a webhook waits behind worker steps (formatting, REST sends, status
 * callbacks of replies) and Twilio's acknowledgement is late, although a late reply costs nothing and a late
 * acknowledgement can lose a text. So the number of turns the pool runs at once follows the loop's delay (how
 * late a timer fires: how long a request that arrives now waits before it is read): halved when the delay over
 * the last sample went above `highMs`, one more when it stayed below `lowMs` (AIMD, as TCP does with its
 * window), never below `min`, so replies always progress. The delay, not the loop's utilization: a loop kept
 * busy by short steps (a backlog being drained with no webhook waiting) still answers at once, and must not
 * slow the drain. It starts low (`initial`) and grows only while workers were held back by it, as TCP's window
 * grows only while it is used: a limit grown to the pool's size during a quiet spell would let a burst start
 * every turn at once and flood the loop before the first sample (measured: p99 over 700 ms for the first 3 s).
 * Turns that wait on a remote agent leave the loop idle, so the limit grows to whatever they need.
 */

import { RuntimeOptionsError } from '../errors.js';

/** Options of `createTurnLimit`. */
export interface TurnLimitOptions {
  /** The most turns at once: the pool's size. */
  max: number;
  /** The fewest turns at once, however busy the loop. @default 1 */
  min?: number;
  /** Turns allowed at first. @default 4 (at most `max`) */
  initial?: number;
  /** Event-loop delay (ms) above which the limit is halved. @default 10 */
  highMs?: number;
  /** Event-loop delay (ms) below which the limit grows by one. @default 3 */
  lowMs?: number;
}

/** The number of turns the worker pool may run at once, driven by samples of the event loop's delay. */
export interface TurnLimit {
  /** Turns allowed at once now. */
  readonly current: number;
  /**
   * For a worker the limit holds back: resolves when the limit next rises (the worker checks again). While a
   * worker waits, the limit may grow.
   */
  wait(): Promise<void>;
  /** Takes the loop's largest delay over the last sample (ms) and returns the new limit. */
  update(delayMs: number): number;
}

/** How often the runtime samples the loop's delay. @default 50 */
export const TURN_LIMIT_SAMPLE_MS = 50;

export function createTurnLimit(options: TurnLimitOptions): TurnLimit {
  const max = options.max;
  const min = Math.min(options.min ?? 1, max);
  const high = options.highMs ?? 10;
  const low = options.lowMs ?? 3;
  if (!(Number.isInteger(max) && max >= 1)) {
    throw new RuntimeOptionsError('workers', `must be a whole number >= 1 for a turn limit, got ${max}`);
  }
  if (!(Number.isInteger(min) && min >= 1)) {
    throw new RuntimeOptionsError('turnLimit.min', `must be a whole number >= 1, got ${min}`);
  }
  if (!(typeof low === 'number' && typeof high === 'number' && low >= 0 && low < high)) {
    throw new RuntimeOptionsError('turnLimit', `needs 0 <= lowMs < highMs, got lowMs ${low}, highMs ${high}`);
  }
  const initial = options.initial ?? 4;
  if (!(Number.isInteger(initial) && initial >= 1)) {
    throw new RuntimeOptionsError('turnLimit.initial', `must be a whole number >= 1, got ${initial}`);
  }
  let current = Math.max(min, Math.min(max, initial));
  let waiting: (() => void)[] = [];
  return {
    get current() {
      return current;
    },
    wait() {
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    update(delayMs) {
      if (delayMs > high) {
        current = Math.max(min, Math.floor(current / 2));
      } else if (delayMs < low && waiting.length > 0 && current < max) {
        current += 1;
        const go = waiting;
        waiting = [];
        for (const resolve of go) resolve();
      }
      return current;
    },
  };
}
