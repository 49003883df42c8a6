/**
 * @module bench/sms-text
 * Time per reply: `formatSmsReply` (markdown to SMS text, then chunking) against the plain
 * `remark().use(stripMarkdown)` pipeline, on markdown-heavy and plain replies of about 300 B, 1 KB, 4 KB and
 * 64 KB. Baseline and ours run interleaved in short rounds and the median round is kept, so a busy machine
 * slows both alike. The 64 KB replies are the 4 KB ones repeated 16 times.
 */
import { readFileSync } from 'node:fs';
import { formatSmsReply } from '@sms-channel/sms-text';
import { remark } from 'remark';
import stripMarkdown from 'strip-markdown';
import { formatMachine } from './lib/machine.js';
import { median } from './lib/measure.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/sms-text/${name}`, import.meta.url), 'utf8');

const corpus: Array<{ kind: 'markdown-heavy' | 'plain'; size: string; text: string }> = [];
for (const [kind, extension] of [
  ['markdown-heavy', 'md'],
  ['plain', 'txt'],
] as const) {
  const prefix = kind === 'plain' ? 'plain' : 'heavy';
  for (const size of ['300', '1k', '4k']) {
    corpus.push({
      kind,
      size: size === '300' ? '300 B' : size.toUpperCase().replace('K', ' KB'),
      text: fixture(`${prefix}-${size}.${extension}`),
    });
  }
  corpus.push({ kind, size: '64 KB', text: fixture(`${prefix}-4k.${extension}`).repeat(16) });
}

// One frozen processor for the baseline too, so neither side pays for building one per reply.
const baseline = remark().use(stripMarkdown).freeze();
const runBaseline = (text: string) => String(baseline.processSync(text));
const runOurs = (text: string) => formatSmsReply(text);

const ROUNDS = Number(process.env.SMS_TEXT_BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.SMS_TEXT_BENCH_ROUND_MS ?? 400);
/** Run one reply only, e.g. `markdown-heavy 1 KB`. */

/**
 * Milliseconds per reply by wall clock and by this process's CPU time (less disturbed by the other processes
 * of a shared machine), after a short warm-up. Not `measureRate`: it runs calls in batches of 100, which is
 * 20 s a batch for a 64 KB markdown reply.
 */
function timeReply(run: () => unknown): { wall: number; cpu: number } {
  // No forced GC here: a full collection before each round let V8 flush the idle side's compiled code, so each
  // round measured a warm-up (2-4x slower; gone with --no-flush-bytecode).
  runFor(run, ROUND_MS / 4);
  const before = process.cpuUsage();
  const { calls, ms } = runFor(run, ROUND_MS);
  const used = process.cpuUsage(before);
  return { wall: ms / calls, cpu: (used.user + used.system) / 1000 / calls };
}

function runFor(run: () => unknown, durationMs: number): { calls: number; ms: number } {
  const start = performance.now();
  let calls = 0;
  let now = start;
  while (calls < 3 || now - start < durationMs) {
    run();
    calls++;
    now = performance.now();
  }
  return { calls, ms: now - start };
}

console.log('sms-text: time per reply, formatSmsReply vs remark().use(strip-markdown)');
console.log(`machine: ${formatMachine()}`);
console.log(`rounds: ${ROUNDS} x ${ROUND_MS} ms each side, interleaved; median round`);
console.log('');
console.log(
  '| reply | bytes | baseline ms/reply | ours ms/reply | ours / baseline (CPU) | ours / baseline (wall) |',
);
console.log('|---|---:|---:|---:|---:|---:|');
const only = process.env.SMS_TEXT_BENCH_ONLY;
for (const { kind, size, text } of corpus.filter(
  (reply) => only === undefined || `${reply.kind} ${reply.size}` === only,
)) {
  const base = { wall: [] as number[], cpu: [] as number[] };
  const ours = { wall: [] as number[], cpu: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const b = timeReply(() => runBaseline(text));
    const o = timeReply(() => runOurs(text));
    base.wall.push(b.wall);
    base.cpu.push(b.cpu);
    ours.wall.push(o.wall);
    ours.cpu.push(o.cpu);
  }
  const cpuRatio = median(ours.cpu) / median(base.cpu);
  const wallRatio = median(ours.wall) / median(base.wall);
  console.log(
    `| ${kind} ${size} | ${Buffer.byteLength(text)} | ${median(base.cpu).toFixed(3)} | ${median(ours.cpu).toFixed(4)} | ${ratio(cpuRatio)} | ${ratio(wallRatio)} |`,
  );
}

/** `1.05x` for a ratio near or above 1, `1/36x` (36 times faster) for a small one. */
function ratio(value: number): string {
  return value >= 0.2 ? `${value.toFixed(2)}x` : `1/${(1 / value).toFixed(0)}x`;
}
