/**
 * @module bench/lib/process-cpu
 * CPU time of processes from /proc (Linux), to say where the CPU goes when every process of a benchmark shares
 * one machine: user + system time in ms, of a process alone or with its children (PostgreSQL: the postmaster
 * and its backends, live ones and those already reaped).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux everywhere this runs). */
const TICK_MS = 10;

interface ProcStat {
  ppid: number;
  /** utime + stime, in ms. */
  own: number;
  /** cutime + cstime (children waited for), in ms. */
  reaped: number;
}

function stat(pid: number, file = `/proc/${pid}/stat`): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name, which may hold spaces and parentheses: state is field 3.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const at = (field: number) => Number(fields[field - 3] ?? 0);
  return { ppid: at(4), own: (at(14) + at(15)) * TICK_MS, reaped: (at(16) + at(17)) * TICK_MS };
}

/**
 * CPU ms of a process's main thread alone (its JavaScript event loop; not libuv's pool, V8's GC helpers or
 * other worker threads); 0 once it is gone.
 */
export function mainThreadCpuMs(pid: number): number {
  return stat(pid, `/proc/${pid}/task/${pid}/stat`)?.own ?? 0;
}

/** CPU ms a process has used (all its threads); 0 once it is gone. */
export function processCpuMs(pid: number): number {
  return stat(pid)?.own ?? 0;
}

/** CPU ms of a process and its children: the live ones, and those it has already waited for. */
export function processTreeCpuMs(pid: number): number {
  const root = stat(pid);
  if (root === undefined) return 0;
  let total = root.own + root.reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = stat(Number(entry));
    if (child?.ppid === pid) total += child.own;
  }
  return total;
}
