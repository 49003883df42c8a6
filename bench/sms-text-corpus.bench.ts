/**
 * @module bench/sms-text-corpus
 * `formatSmsReply` against `remark().use(strip-markdown)` and, when an OpenClaw host is installed and this is
 * Node >= 24, against OpenClaw's SMS converter (what `@openclaw/sms` sends), on the reply corpus of
 * `sms-text-corpus.ts`: per reply, per pass over the whole corpus, per size (1 / 4 / 16 / 64 KB, to show the
 * cost is linear), and the parts and segments each converter produces.
 *
 * Every figure is this process's CPU time per call (less disturbed than wall time by the other processes of a
 * shared machine), measured in samples of about 1 ms (a batch of calls, or one call when a call takes longer)
 * taken in turn from each converter, the order rotating every round, and the median sample kept: a sample that
 * another process disturbed (a preemption, a cold cache) is an outlier the median ignores, where the time over
 * a long slice would absorb it. Ratios against the baselines of the same run are the figures to read.
 *
 *   node --expose-gc --import tsx bench/sms-text-corpus.bench.ts          (Node 20: no OpenClaw column)
 *   OPENCLAW_HOST_DIR=... <node 24> --expose-gc --import tsx bench/sms-text-corpus.bench.ts
 *
 * Env: SMS_TEXT_BENCH_SAMPLES (samples per converter and reply, default 101), SMS_TEXT_BENCH_SECTIONS
 * (comma-separated subset of replies,pass,sizes,segments), SMS_TEXT_BENCH_REPLIES (a regular expression: only the
 * replies whose name matches), SMS_TEXT_BENCH_BEFORE (path to another build's dist/index.js, measured as
 * `before`), SMS_TEXT_BENCH_PROFILE=ours|remark|openclaw (only
 * run that converter over the corpus for SMS_TEXT_BENCH_PROFILE_MS, default 10 s: for `node --cpu-prof`).
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { countSegments, formatSmsReply } from '@sms-channel/sms-text';
import { remark } from 'remark';
import stripMarkdown from 'strip-markdown';
import { formatMachine } from './lib/machine.js';
import { median } from './lib/measure.js';
import { type CorpusReply, loadCorpus, mixedReply } from './sms-text-corpus.js';
import { loadOpenClawConverter } from './sms-text-openclaw.js';

type Convert = (markdown: string) => unknown;

const SAMPLES = Number(process.env.SMS_TEXT_BENCH_SAMPLES ?? 101);
/** Target length of one sample: long enough for the CPU clock, short enough to dodge most preemptions. */
const SAMPLE_MS = 1;
const SECTIONS = new Set((process.env.SMS_TEXT_BENCH_SECTIONS ?? 'replies,pass,sizes,segments').split(','));

const onlyReplies = process.env.SMS_TEXT_BENCH_REPLIES;
const corpus = loadCorpus().filter(
  (reply) => onlyReplies === undefined || new RegExp(onlyReplies).test(reply.name),
);
// One frozen processor for the baseline, so it does not pay for building one per reply.
const baseline = remark().use(stripMarkdown).freeze();
const converters = new Map<string, Convert>([
  ['remark', (text) => String(baseline.processSync(text))],
  ['ours', (text) => formatSmsReply(text)],
]);
const openclaw = await loadOpenClawConverter();
if (openclaw.ok) converters.set('openclaw', openclaw.convert);
// Another build of the package (e.g. the last release's dist/index.js), to show before and after in one run.
const beforePath = process.env.SMS_TEXT_BENCH_BEFORE;
if (beforePath !== undefined) {
  const before = (await import(pathToFileURL(path.resolve(beforePath)).href)) as {
    formatSmsReply: (markdown: string) => string[];
  };
  converters.set('before', (text) => before.formatSmsReply(text));
}

const profiled = process.env.SMS_TEXT_BENCH_PROFILE;
if (profiled !== undefined) {
  profile(profiled);
  process.exit(0);
}

console.log('sms-text on the reply corpus: formatSmsReply vs remark().use(strip-markdown) vs OpenClaw');
console.log(`machine: ${formatMachine()}`);
console.log(
  `load average at start: ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);
console.log(
  openclaw.ok
    ? `OpenClaw: openclaw ${openclaw.version} from ${openclaw.hostDir} (@openclaw/sms 2026.9.4's calls)`
    : `OpenClaw: skipped, ${openclaw.reason}`,
);
console.log(
  `method: CPU time per call, ${SAMPLES} samples of ~${SAMPLE_MS} ms per converter, interleaved, rotating; median sample`,
);
const names = [...converters.keys()];

if (SECTIONS.has('replies')) perReply();
if (SECTIONS.has('pass')) perPass();
if (SECTIONS.has('sizes')) perSize();
if (SECTIONS.has('segments')) segments();
console.log(
  `\nload average at end: ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);

function perReply(): void {
  console.log('\n### Per reply (ms of CPU per reply)\n');
  header(['reply', 'bytes', ...names.map((name) => `${name} ms`), ...ratioNames()]);
  const totals = new Map(names.map((name) => [name, 0]));
  const worst = new Map(names.map((name) => [name, 0]));
  for (const reply of corpus) {
    const times = compare((run) => run(reply.text));
    for (const name of names) totals.set(name, (totals.get(name) ?? 0) + (times.get(name) ?? 0));
    for (const name of names.filter((each) => each !== 'ours')) {
      worst.set(name, Math.max(worst.get(name) ?? 0, at(times, 'ours') / at(times, name)));
    }
    row([
      reply.name,
      Buffer.byteLength(reply.text),
      ...names.map((name) => ms(at(times, name))),
      ...ratios(times),
    ]);
  }
  row(['**sum**', '', ...names.map((name) => ms(at(totals, name))), ...ratios(totals)]);
  for (const name of names.filter((each) => each !== 'ours')) {
    console.log(`\nworst reply, ours / ${name}: ${ratio(at(worst, name))}`);
  }
}

function perPass(): void {
  console.log('\n### One pass over the corpus (ms of CPU per pass, every reply once)\n');
  const times = compare(
    (run) => {
      for (const reply of corpus) run(reply.text);
    },
    Math.ceil(SAMPLES / 4),
  );
  header(['corpus', 'bytes', ...names.map((name) => `${name} ms`), ...ratioNames()]);
  const bytes = corpus.reduce((sum, reply) => sum + Buffer.byteLength(reply.text), 0);
  row([`${corpus.length} replies`, bytes, ...names.map((name) => ms(at(times, name))), ...ratios(times)]);
}

function perSize(): void {
  console.log('\n### Cost against length (replies made of the corpus)\n');
  header(['size', 'bytes', ...names.map((name) => `${name} ms`), 'ours ms/KB', ...ratioNames()]);
  for (const kb of [1, 4, 16, 64]) {
    const text = mixedReply(corpus, kb * 1024);
    const bytes = Buffer.byteLength(text);
    const times = compare((run) => run(text), kb >= 16 ? Math.ceil(SAMPLES / 2) : SAMPLES);
    const perKb = at(times, 'ours') / (bytes / 1024);
    row([`${kb} KB`, bytes, ...names.map((name) => ms(at(times, name))), perKb.toFixed(4), ...ratios(times)]);
  }
}

/** Parts and segments billed for the whole corpus (default 1,500-character parts), per converter. */
function segments(): void {
  console.log('\n### Parts and segments for the whole corpus\n');
  header(['converter', 'parts', 'segments', 'UCS-2 parts', 'replies with a UCS-2 part']);
  const tally = (label: string, convert: (text: string) => string[]) => {
    let parts = 0;
    let billed = 0;
    let ucs2 = 0;
    let ucs2Replies = 0;
    for (const reply of corpus) {
      const out = convert(reply.text);
      parts += out.length;
      const counts = out.map((part) => countSegments(part));
      billed += counts.reduce((sum, count) => sum + count.segments, 0);
      const wide = counts.filter((count) => count.encoding === 'UCS-2').length;
      ucs2 += wide;
      if (wide > 0) ucs2Replies++;
    }
    row([label, parts, billed, ucs2, ucs2Replies]);
  };
  tally('ours, smartEncoding: false', (text) => formatSmsReply(text, { smartEncoding: false }));
  tally('ours (smartEncoding: true, the default)', (text) => formatSmsReply(text));
  if (openclaw.ok) tally('openclaw', (text) => openclaw.convert(text));
  const before = converters.get('before');
  if (before !== undefined) tally('before', (text) => before(text) as string[]);
}

/**
 * CPU milliseconds per call of `call(converter)` for every converter: `samples` samples each, taken in turn
 * (the order rotating every round), each sample a batch of calls lasting about SAMPLE_MS; the median sample.
 * Warm-up calls come first so that no converter is measured while it is still being compiled.
 */
function compare(call: (run: Convert) => void, samples = SAMPLES): Map<string, number> {
  const batches = new Map<string, number>();
  for (const name of names) {
    const run = converters.get(name) as Convert;
    const warmup = timeBatch(() => call(run), 3);
    batches.set(name, Math.max(1, Math.ceil(SAMPLE_MS / Math.max(warmup, 1e-4))));
  }
  const taken = new Map(names.map((name) => [name, [] as number[]]));
  for (let round = 0; round < samples; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length] as string;
      const run = converters.get(name) as Convert;
      taken.get(name)?.push(timeBatch(() => call(run), batches.get(name) ?? 1));
    }
  }
  return new Map(names.map((name) => [name, median(taken.get(name) ?? [])]));
}

/** CPU milliseconds per call over a batch of `calls` calls. */
function timeBatch(run: () => void, calls: number): number {
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / calls;
}

function profile(name: string): void {
  const run = converters.get(name);
  if (run === undefined)
    throw new Error(`SMS_TEXT_BENCH_PROFILE: no converter "${name}" (${names.join(', ')})`);
  const until = performance.now() + Number(process.env.SMS_TEXT_BENCH_PROFILE_MS ?? 10_000);
  let passes = 0;
  while (performance.now() < until) {
    for (const reply of corpus as CorpusReply[]) run(reply.text);
    passes++;
  }
  console.log(`${name}: ${passes} passes over the corpus`);
}

function ratioNames(): string[] {
  return names.filter((name) => name !== 'ours').map((name) => `ours / ${name}`);
}

function ratios(times: Map<string, number>): string[] {
  return names.filter((name) => name !== 'ours').map((name) => ratio(at(times, 'ours') / at(times, name)));
}

function at(times: Map<string, number>, name: string): number {
  return times.get(name) ?? Number.NaN;
}

function header(cells: string[]): void {
  console.log(`| ${cells.join(' | ')} |`);
  console.log(`|${cells.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
}

function row(cells: Array<string | number>): void {
  console.log(`| ${cells.join(' | ')} |`);
}

function ms(value: number): string {
  return value >= 10 ? value.toFixed(1) : value >= 1 ? value.toFixed(2) : value.toFixed(3);
}

/** `1.05x` for a ratio near or above 1, `1/36x` (36 times faster) for a small one. */
function ratio(value: number): string {
  return value >= 0.2 ? `${value.toFixed(2)}x` : `1/${(1 / value).toFixed(0)}x`;
}
