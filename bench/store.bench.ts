/**
 * @module bench/store
 * Durable admits per second and claim+complete cycles per second of `@sms-channel/store` (SQLite, WAL,
 * synchronous=FULL), against the baseline "plain better-sqlite3 autocommit statements on the same table with
 * the same pragmas (WAL + synchronous=FULL)": one INSERT per admit, one UPDATE to claim and one to complete per
 * cycle, each its own transaction (so each pays one fsync, as ours would without group commit).
 *
 * Each case runs both sides on fresh files in alternating 250 ms slices (the machine is shared and fsync
 * times swing with other people's load; alternating short slices exposes both sides to the same swings). The
 * figure is the ratio of the two total rates; the spread of per-slice-pair ratios shows how noisy the run was.
 * Cases:
 *  - admits, one at a time (`await` each): what a lone webhook sees;
 *  - admits, 64 in flight: a burst of webhooks, where group commit shares one fsync per event-loop turn;
 *  - claim+complete, one worker, and 8 workers in parallel, on a backlog spread over 1,000 senders;
 *  - the same admits with synchronous=NORMAL (ours and baseline), to show the cost of our layer without fsync.
 * Every timed run is checked afterwards (rows admitted / completed equal the operations counted).
 *
 * Then PostgreSQL: the store's durable admits/s on `openPostgresStore` (1 and 64 in flight) against the SQLite
 * store (synchronous=FULL) in the same interleaved slices, as a ratio. The bench starts its own throwaway
 * cluster with scripts/postgres/postgres-cluster.sh --durable (fsync on, as in production; reached through its
 * unix socket, as a co-located database would be), or uses `BENCH_POSTGRES_URL` when set; `BENCH_POSTGRES=off`
 * leaves PostgreSQL out.
 *
 * Run from the repo root after building: `node --expose-gc --import tsx bench/store.bench.ts`
 *
 * `BENCH_STORE_DRIVER=node:sqlite` runs the same cases on Node's built-in node:sqlite instead (the store with
 * `driver: 'node:sqlite'`, the baseline as plain `DatabaseSync` statements); it needs Node >= 22.13, e.g.
 * `BENCH_STORE_DRIVER=node:sqlite "$OPENCLAW_NODE" --expose-gc --import tsx bench/store.bench.ts` after
 * `source scripts/openclaw/env.sh`. The two drivers cannot load in one process here (the workspace's
 * better-sqlite3 is built for Node 20), so each is compared with a baseline on its own driver.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore, openStore, type SqliteDriverName } from '@sms-channel/store';
import { formatMachine } from './lib/machine.js';

const driver: SqliteDriverName =
  process.env.BENCH_STORE_DRIVER === 'node:sqlite' ? 'node:sqlite' : 'better-sqlite3';

const slices = Number(process.env.BENCH_SLICES ?? 12);
const sliceMs = Number(process.env.BENCH_SLICE_MS ?? 250);
const warmupMs = 300;
const backlog = 40_000;

const form = {
  ToCountry: 'US',
  ToState: 'CA',
  NumMedia: '0',
  ToCity: 'SAN FRANCISCO',
  FromState: 'CA',
  SmsStatus: 'received',
  Body: "Hi! Can you summarise today's agenda and remind me what I promised to send Sam by Friday? Thanks 🙂",
  FromCountry: 'US',
  To: '+15555550100',
  MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
  NumSegments: '1',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  ApiVersion: '2010-04-01',
};

function payload(n: number): Record<string, string> {
  const sid = `SM${n.toString(16).padStart(32, '0')}`;
  return { ...form, MessageSid: sid, SmsSid: sid, From: `+1555555${String(1000 + (n % 1000))}` };
}

/** Same table and indexes as the store's inbound queue, for the baseline. */
const baselineSchema = `
  CREATE TABLE inbound (
    id INTEGER PRIMARY KEY, account_id TEXT NOT NULL, message_sid TEXT NOT NULL, sender TEXT, payload TEXT NOT NULL,
    state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, available_at INTEGER NOT NULL, lease_until INTEGER,
    last_error TEXT, admitted_at INTEGER NOT NULL, settled_at INTEGER, UNIQUE (account_id, message_sid)) STRICT;
  CREATE INDEX inbound_queue ON inbound (id) WHERE state IN ('pending', 'claimed');
  CREATE INDEX inbound_by_sender ON inbound (account_id, sender, id) WHERE state IN ('pending', 'claimed');
  CREATE INDEX inbound_settled ON inbound (state, settled_at) WHERE state IN ('completed', 'dead');`;

type Sync = 'FULL' | 'NORMAL';

/** What the baseline uses of either binding (better-sqlite3's `Database`, node:sqlite's `DatabaseSync`). */
interface BaselineDb {
  exec(sql: string): void;
  prepare(sql: string): {
    run(...parameters: unknown[]): { changes: number | bigint };
    get(...parameters: unknown[]): unknown;
  };
  close(): void;
}

type BaselineConstructor = new (path: string) => BaselineDb;

async function baselineConstructor(): Promise<BaselineConstructor> {
  if (driver === 'better-sqlite3') return (await import('better-sqlite3')).default;
  const sqlite = process.getBuiltinModule('node:sqlite') as { DatabaseSync: BaselineConstructor } | undefined;
  if (sqlite === undefined) throw new Error(`node:sqlite needs Node >= 22.13 (this is ${process.version})`);
  return sqlite.DatabaseSync;
}

const Baseline = await baselineConstructor();

function openBaseline(path: string, synchronous: Sync): BaselineDb {
  const db = new Baseline(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${synchronous}`);
  db.exec(baselineSchema);
  return db;
}

function countRows(db: BaselineDb, where: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM inbound ${where}`).get() as { n: number }).n;
}

/** One side of a comparison: an open database, a step that reports how many operations it did, a check. */
interface Runner {
  step: () => Promise<number> | number;
  /** Verifies the work done (so no side wins by being wrong), then closes. */
  finish: () => Promise<void>;
}

/** Runs `step` for about `ms`; returns operations done and time taken. */
async function slice(runner: Runner, ms: number): Promise<{ ops: number; ms: number }> {
  const start = performance.now();
  let ops = 0;
  let now = start;
  while (now - start < ms) {
    const done = await runner.step();
    if (done === 0) break;
    ops += done;
    now = performance.now();
  }
  return { ops, ms: now - start };
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`benchmark self-check failed: ${what}`);
}

const insertSql = `INSERT INTO inbound (account_id, message_sid, sender, payload, state, available_at, admitted_at)
  VALUES (?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (account_id, message_sid) DO NOTHING`;

async function baselineAdmits(path: string, synchronous: Sync): Promise<Runner> {
  const db = openBaseline(path, synchronous);
  const insert = db.prepare(insertSql);
  let n = 0;
  return {
    step: () => {
      const p = payload(n++);
      const now = Date.now();
      return Number(
        insert.run('acct', p.MessageSid as string, p.From as string, JSON.stringify(p), now, now).changes,
      );
    },
    finish: async () => {
      check(countRows(db, '') === n, 'baseline admits');
      db.close();
    },
  };
}

async function storeAdmits(path: string, synchronous: 'full' | 'normal', inFlight: number): Promise<Runner> {
  const store = await openStore(path, { synchronous, driver });
  let n = 0;
  return {
    step: async () => {
      const batch = Array.from({ length: inFlight }, () => payload(n++));
      const results = await Promise.all(
        batch.map((p) => store.admitInbound('acct', p.MessageSid as string, p)),
      );
      return results.filter((r) => !r.duplicate).length;
    },
    finish: async () => {
      check((await store.countInbound()).pending === n, 'store admits');
      await store.close();
    },
  };
}

async function baselineCycles(path: string): Promise<Runner> {
  const db = openBaseline(path, 'FULL');
  const insert = db.prepare(insertSql);
  db.exec('BEGIN');
  for (let n = 0; n < backlog; n++) {
    const p = payload(n);
    insert.run('acct', p.MessageSid as string, p.From as string, JSON.stringify(p), 0, 0);
  }
  db.exec('COMMIT');
  const claim = db.prepare(
    `UPDATE inbound SET state = 'claimed', attempts = attempts + 1, lease_until = ?
     WHERE id = (SELECT id FROM inbound WHERE state IN ('pending', 'claimed') AND state = 'pending' ORDER BY id LIMIT 1)
     RETURNING id, payload`,
  );
  const complete = db.prepare(`UPDATE inbound SET state = 'completed', settled_at = ? WHERE id = ?`);
  let cycles = 0;
  return {
    step: () => {
      const row = claim.get(Date.now() + 300_000) as { id: number; payload: string } | undefined;
      if (row === undefined) return 0;
      JSON.parse(row.payload);
      cycles += Number(complete.run(Date.now(), row.id).changes);
      return 1;
    },
    finish: async () => {
      check(countRows(db, `WHERE state = 'completed'`) === cycles, 'baseline cycles');
      db.close();
    },
  };
}

async function storeCycles(path: string, workers: number): Promise<Runner> {
  const store = await openStore(path, { driver });
  for (let n = 0; n < backlog; n += 500) {
    const batch = Array.from({ length: 500 }, (_, i) => payload(n + i));
    await Promise.all(batch.map((p) => store.admitInbound('acct', p.MessageSid as string, p)));
  }
  let cycles = 0;
  const cycle = async (): Promise<number> => {
    const message = await store.claimInbound();
    if (message === null) return 0;
    return (await store.completeInbound(message.id)).ok ? 1 : 0;
  };
  return {
    step: async () => {
      const done = (await Promise.all(Array.from({ length: workers }, () => cycle()))).reduce(
        (a, b) => a + b,
        0,
      );
      cycles += done;
      return done;
    },
    finish: async () => {
      const counts = await store.countInbound();
      check(counts.claimed === 0 && counts.completed === cycles, 'store cycles');
      await store.close();
    },
  };
}

/** The PostgreSQL store's admits, in a schema of its own; `path` only names the schema. */
async function postgresAdmits(url: string, path: string, inFlight: number): Promise<Runner> {
  const schema = `bench_${path
    .replace(/[^a-z0-9]/gi, '')
    .slice(-16)
    .toLowerCase()}`;
  const store = await openPostgresStore({ connectionString: url, schema, poolSize: 16 });
  let n = 0;
  return {
    step: async () => {
      const batch = Array.from({ length: inFlight }, () => payload(n++));
      const results = await Promise.all(
        batch.map((p) => store.admitInbound('acct', p.MessageSid as string, p)),
      );
      return results.filter((r) => !r.duplicate).length;
    },
    finish: async () => {
      check((await store.countInbound()).pending === n, 'postgres admits');
      await store.close();
    },
  };
}

interface Case {
  name: string;
  baseline: (path: string) => Promise<Runner>;
  ours: (path: string) => Promise<Runner>;
}

const cases: Case[] = [
  {
    name: 'admits/s, 1 in flight (FULL)',
    baseline: (p) => baselineAdmits(p, 'FULL'),
    ours: (p) => storeAdmits(p, 'full', 1),
  },
  {
    name: 'admits/s, 64 in flight (FULL)',
    baseline: (p) => baselineAdmits(p, 'FULL'),
    ours: (p) => storeAdmits(p, 'full', 64),
  },
  { name: 'claim+complete/s, 1 worker (FULL)', baseline: baselineCycles, ours: (p) => storeCycles(p, 1) },
  { name: 'claim+complete/s, 8 workers (FULL)', baseline: baselineCycles, ours: (p) => storeCycles(p, 8) },
  {
    name: 'admits/s, 1 in flight (NORMAL)',
    baseline: (p) => baselineAdmits(p, 'NORMAL'),
    ours: (p) => storeAdmits(p, 'normal', 1),
  },
  {
    name: 'admits/s, 64 in flight (NORMAL)',
    baseline: (p) => baselineAdmits(p, 'NORMAL'),
    ours: (p) => storeAdmits(p, 'normal', 64),
  },
];

interface Result {
  baseline: number;
  ours: number;
  /** Ratio of each interleaved pair of slices: its spread shows how noisy the machine was. */
  pairRatios: number[];
}

/** Runs both sides in alternating short slices, so load changes on the shared machine hit both alike. */
async function compare(c: Case): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'sms-store-bench-'));
  try {
    const baseline = await c.baseline(join(dir, 'baseline.db'));
    const ours = await c.ours(join(dir, 'ours.db'));
    await slice(baseline, warmupMs);
    await slice(ours, warmupMs);
    const totals = { baseline: { ops: 0, ms: 0 }, ours: { ops: 0, ms: 0 } };
    const pairRatios: number[] = [];
    for (let i = 0; i < slices; i++) {
      const first = i % 2 === 0 ? 'baseline' : 'ours';
      const runs = { baseline: { ops: 0, ms: 1 }, ours: { ops: 0, ms: 1 } };
      for (const side of [first, first === 'baseline' ? 'ours' : 'baseline'] as const) {
        runs[side] = await slice(side === 'baseline' ? baseline : ours, sliceMs);
        totals[side].ops += runs[side].ops;
        totals[side].ms += runs[side].ms;
      }
      pairRatios.push(runs.ours.ops / runs.ours.ms / (runs.baseline.ops / runs.baseline.ms));
    }
    await baseline.finish();
    await ours.finish();
    return {
      baseline: (totals.baseline.ops / totals.baseline.ms) * 1000,
      ours: (totals.ours.ops / totals.ours.ms) * 1000,
      pairRatios,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.round(q * (sorted.length - 1))] ?? Number.NaN;
}

console.log(
  `store benchmark, ${driver} driver: ${slices} interleaved slices of ${sliceMs} ms per side and case`,
);
console.log(`machine: ${formatMachine()}`);
console.log(
  `\n| case | baseline: plain ${driver} autocommit | @sms-channel/store on ${driver} | ratio | ratio per slice pair (p25-p75) |`,
);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const c of cases) {
  const r = await compare(c);
  globalThis.gc?.();
  const spread = `${quantile(r.pairRatios, 0.25).toFixed(2)}-${quantile(r.pairRatios, 0.75).toFixed(2)}`;
  console.log(
    `| ${c.name} | ${r.baseline.toFixed(0)} | ${r.ours.toFixed(0)} | ${(r.ours / r.baseline).toFixed(2)}x | ${spread} |`,
  );
}

const clusterScript = join(import.meta.dirname, '..', 'scripts', 'postgres', 'postgres-cluster.sh');

/** A durable throwaway cluster (or BENCH_POSTGRES_URL); `stop` tears down what this bench started. */
function startPostgres(): { url: string; stop: () => void } {
  const given = process.env.BENCH_POSTGRES_URL;
  if (given !== undefined && given !== '') return { url: given, stop: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'sms-store-bench-pg-'));
  const tcp = execFileSync(clusterScript, ['start', dir, '--durable'], { encoding: 'utf8' }).trim();
  const { port } = new URL(tcp.split('\n').at(-1) ?? '');
  return {
    url: `postgres://postgres@/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
    stop: () => execFileSync(clusterScript, ['destroy', dir]),
  };
}

if (process.env.BENCH_POSTGRES !== 'off') {
  const postgres = startPostgres();
  try {
    console.log(
      `\nPostgreSQL ${execFileSync('psql', ['-XAtc', 'SHOW server_version', postgres.url], { encoding: 'utf8' }).trim()}, fsync on, same machine (unix socket), against the SQLite store (FULL) in the same slices:`,
    );
    console.log(
      `\n| case | @sms-channel/store on SQLite (${driver}, FULL) | on PostgreSQL | PostgreSQL / SQLite | ratio per slice pair (p25-p75) |`,
    );
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const inFlight of [1, 64]) {
      const r = await compare({
        name: `durable admits/s, ${inFlight} in flight`,
        baseline: (p) => storeAdmits(p, 'full', inFlight),
        ours: (p) => postgresAdmits(postgres.url, p, inFlight),
      });
      globalThis.gc?.();
      const spread = `${quantile(r.pairRatios, 0.25).toFixed(2)}-${quantile(r.pairRatios, 0.75).toFixed(2)}`;
      console.log(
        `| durable admits/s, ${inFlight} in flight | ${r.baseline.toFixed(0)} | ${r.ours.toFixed(0)} | ${(r.ours / r.baseline).toFixed(2)}x | ${spread} |`,
      );
    }
  } finally {
    postgres.stop();
  }
}
