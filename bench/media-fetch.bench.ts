/**
 * @module bench/media-fetch
 * Memory while inbound MMS media are fetched: 100 attachments of 5 MB from the sandbox (its Media URL with Basic
 * auth, 307 to its CDN, as Twilio serves them), written to disk.
 *
 * Ours: `fetchTwilioMedia` of `@sms-channel/twilio-messaging` (streamed to a file, bytes counted as they
 * arrive). Baseline, in the same run: the obvious way - `fetch` following the redirect, `arrayBuffer()` (the
 * whole body in memory), then `writeFile`. Both fetch with the same concurrency, each in its own process, so
 * one's heap never shows in the other's RSS; the rounds alternate ours / baseline so both see the same machine.
 * Each child samples its RSS every 20 ms and reports the peak, the samples over time and its CPU time.
 *
 * The sandbox runs as a process of its own (`apps/sandbox/dist/cli.js`); one 5 MB attachment is uploaded once
 * and fetched 100 times (the sandbox keeps media in memory; 100 copies would measure the sandbox).
 *
 * Run from the repo root after building: `node --expose-gc --import tsx bench/media-fetch.bench.ts`
 * Env: BENCH_ROUNDS (2), BENCH_FILES (100), BENCH_FILE_BYTES (5000000), BENCH_CONCURRENCY (4,10: the runtime's
 * default workers, and one whole 10-attachment MMS at once).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchTwilioMedia } from '@sms-channel/twilio-messaging';
import { formatMachine } from './lib/machine.js';
import { median } from './lib/measure.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const files = Number(process.env.BENCH_FILES ?? 100);
const fileBytes = Number(process.env.BENCH_FILE_BYTES ?? 5_000_000);
const concurrencies = (process.env.BENCH_CONCURRENCY ?? '4,10').split(',').map(Number);

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const SANDBOX_CLI = here('../apps/sandbox/dist/cli.js');
const ACCOUNT_SID = 'AC5a4db0c05a4db0c05a4db0c05a4db0c0';
const AUTH_TOKEN = 'f4cec0def4cec0def4cec0def4cec0de';
const SIDES = ['ours', 'baseline'] as const;
type Side = (typeof SIDES)[number];

/** What the parent tells a fetcher child. */
interface FetchJob {
  side: Side;
  concurrency: number;
  url: string;
  messageSid: string;
  apiUrl: string;
  directory: string;
}

/** What a fetcher child reports. */
interface FetchReport {
  side: Side;
  peakRssMiB: number;
  startRssMiB: number;
  /** Peak of `process.memoryUsage().arrayBuffers`: the bytes held in buffers. */
  peakBuffersMiB: number;
  /** RSS samples (MiB) at 10 %, 20 % ... 100 % of the files done. */
  rssByProgress: number[];
  cpuMs: number;
  wallMs: number;
  bytes: number;
}

const mib = (bytes: number) => bytes / 2 ** 20;

/** The baseline: what a fetch without care does (the redirect followed by fetch, the body buffered whole). */
async function bufferedFetch(job: FetchJob, index: number): Promise<number> {
  const auth = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
  const response = await fetch(job.url, { headers: { authorization: auth } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  await writeFile(join(job.directory, `${index}.bin`), body);
  return body.length;
}

async function streamedFetch(job: FetchJob, index: number): Promise<number> {
  const fetched = await fetchTwilioMedia({
    url: job.url,
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    messageSid: job.messageSid,
    twilioApiBaseUrl: job.apiUrl,
    directory: job.directory,
    name: String(index),
    maxBytes: 5 * 2 ** 20,
  });
  return fetched.size;
}

async function runChild(job: FetchJob): Promise<FetchReport> {
  const fetchOne = job.side === 'ours' ? streamedFetch : bufferedFetch;
  const startRss = process.memoryUsage.rss();
  let peak = startRss;
  let peakBuffers = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakBuffers = Math.max(peakBuffers, usage.arrayBuffers);
    return usage.rss;
  };
  const sampler = setInterval(sample, 20);
  const byProgress: number[] = [];
  let done = 0;
  let bytes = 0;
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (next < files) {
      const index = next;
      next += 1;
      const size = await fetchOne(job, index);
      bytes += size;
      done += 1;
      const rss = sample();
      if (done % Math.max(1, Math.floor(files / 10)) === 0) byProgress.push(mib(rss));
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  clearInterval(sampler);
  const used = process.cpuUsage(cpu);
  return {
    side: job.side,
    peakRssMiB: mib(peak),
    startRssMiB: mib(startRss),
    peakBuffersMiB: mib(peakBuffers),
    rssByProgress: byProgress,
    cpuMs: (used.user + used.system) / 1000,
    wallMs: performance.now() - started,
    bytes,
  };
}

function startSandbox(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [SANDBOX_CLI, '--port', '0', '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /sms-sandbox listening on (\S+)/.exec(out);
      if (match?.[1] !== undefined) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
}

/** A handset sends one 5 MB attachment; its Media URL is what every fetch asks for. */
async function uploadMedia(sandboxUrl: string): Promise<{ url: string; messageSid: string }> {
  // A JPEG signature, then filler: what the CDN serves is judged by its first bytes only.
  const data = Buffer.alloc(fileBytes);
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]).copy(data);
  const response = await fetch(`${sandboxUrl}/_sandbox/phones/+12025550142/messages?wait=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ body: '', media: [{ data: data.toString('base64'), contentType: 'image/jpeg' }] }),
  });
  const sent = (await response.json()) as { message: { sid: string; media: { sid: string }[] } };
  const mediaSid = sent.message.media[0]?.sid;
  if (mediaSid === undefined) throw new Error(`the sandbox stored no media: ${JSON.stringify(sent)}`);
  const url = `${sandboxUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sent.message.sid}/Media/${mediaSid}`;
  return { url, messageSid: sent.message.sid };
}

function runSide(job: FetchJob): Promise<FetchReport> {
  const child = fork(fileURLToPath(import.meta.url), ['--child'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (report) => resolve(report as FetchReport));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${job.side} fetcher exited with ${code}`));
    });
    child.send(job);
  });
}

const fmt = (value: number, digits = 1) => value.toFixed(digits);

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  const work = mkdtempSync(join(tmpdir(), 'bench-media-'));
  try {
    const media = await uploadMedia(sandbox.url);
    console.log(`machine: ${formatMachine()}`);
    for (const concurrency of concurrencies) {
      const reports: FetchReport[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const order = round % 2 === 0 ? SIDES : [...SIDES].reverse();
        for (const side of order) {
          const directory = mkdtempSync(join(work, `${side}-`));
          const report = await runSide({ side, concurrency, ...media, apiUrl: sandbox.url, directory });
          rmSync(directory, { recursive: true, force: true });
          reports.push(report);
          console.log(
            `${concurrency} at a time, round ${round + 1} ${side.padEnd(8)} peak RSS ${fmt(report.peakRssMiB)} MiB ` +
              `(start ${fmt(report.startRssMiB)}), buffers peak ${fmt(report.peakBuffersMiB)} MiB, ` +
              `RSS at 10..100%: ${report.rssByProgress.map((value) => fmt(value, 0)).join(' ')} MiB, ` +
              `CPU ${fmt(report.cpuMs, 0)} ms, wall ${fmt(report.wallMs, 0)} ms, ${fmt(mib(report.bytes), 0)} MiB`,
          );
        }
      }
      const of = (side: Side, pick: (report: FetchReport) => number) =>
        median(reports.filter((report) => report.side === side).map(pick));
      const growthOurs = of('ours', (r) => r.peakRssMiB - r.startRssMiB);
      const growthBase = of('baseline', (r) => r.peakRssMiB - r.startRssMiB);
      const buffersOurs = of('ours', (r) => r.peakBuffersMiB);
      const buffersBase = of('baseline', (r) => r.peakBuffersMiB);
      const cpuOurs = of('ours', (r) => r.cpuMs);
      const cpuBase = of('baseline', (r) => r.cpuMs);
      console.log(`== ${files} x ${fileBytes} bytes, ${concurrency} at a time, ${rounds} rounds (medians)`);
      console.log(`   RSS growth: ours ${fmt(growthOurs)} MiB, baseline ${fmt(growthBase)} MiB`);
      console.log(`   buffers peak: ours ${fmt(buffersOurs)} MiB, baseline ${fmt(buffersBase)} MiB`);
      console.log(
        `   CPU per file: ours ${fmt(cpuOurs / files, 2)} ms, baseline ${fmt(cpuBase / files, 2)} ms (${fmt(cpuOurs / cpuBase, 2)}x)`,
      );
    }
  } finally {
    sandbox.child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv.includes('--child')) {
  process.once('message', (job) => {
    runChild(job as FetchJob).then(
      (report) => process.send?.(report, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
} else {
  await main();
}
