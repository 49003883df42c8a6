/**
 * @module scripts/scale/scale-e2e
 * End to end, several gateways (issue 16): three `sms-channel gateway` processes on one PostgreSQL (a throwaway
 * cluster), behind HAProxy (round robin, `GET /readyz` health checks), the sandbox as Twilio, 50 handsets texting
 * at once, each waiting for its text's webhook answer before the next (so its admission order is known).
 *
 * Phase "kill": every few seconds one gateway is killed with SIGKILL and started again. Verdicts, once the queue
 * has drained after the last restart: every acknowledged message (webhook answered 200) answered exactly once,
 * no message answered twice, each sender's replies in the order of its messages, no dead letter.
 * Phase "roll": a rolling restart (SIGTERM one gateway, start it again, wait until HAProxy routes to it, next)
 * while the handsets keep texting. Verdicts: every webhook attempt (texts and status callbacks) answered 200
 * (zero refused), then the same exactly-once and order checks.
 *
 * Verdicts read state (the sandbox's messages and webhook attempts, the database's queue counts), never timing;
 * the kill rhythm and the handsets' pauses are timers, and waits fail only when nothing moves for a long time.
 * Run by scripts/scale/test-scale.sh (npm test). Env: SCALE_SENDERS (50), SCALE_KILLS (6), SCALE_KILL_EVERY_MS
 * (3000), SCALE_THINK_MS (1500: each handset's pause between texts; the load, not a verdict), SCALE_KEEP=1 keeps
 * the run's folder (logs, configs).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, type SandboxEvent } from '../../apps/sandbox/dist/index.js';
import { openPostgresStore } from '../../packages/store/dist/index.js';
import { type GatewayProcess, gatewayProcess } from './harness/gateway-process.js';
import { type Haproxy, startHaproxy } from './harness/haproxy.js';
import { type Cluster, startCluster } from './harness/postgres-cluster.js';
import { waitFor } from './harness/wait-for.js';

const SENDERS = Number(process.env.SCALE_SENDERS ?? 50);
const KILLS = Number(process.env.SCALE_KILLS ?? 6);
const KILL_EVERY_MS = Number(process.env.SCALE_KILL_EVERY_MS ?? 3000);
const THINK_MS = Number(process.env.SCALE_THINK_MS ?? 1500);
const NUMBER = '+12025550100';
/** A drain fails only when no message settled for this long (a hang), however slow the machine. */
const STALL_MS = 90_000;

type Phase = 'kill' | 'roll';

interface Sent {
  phase: Phase;
  sender: string;
  index: number;
  acked: boolean;
  statuses: (number | null)[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const say = (line: string) => console.log(`-- ${line} (${elapsed()})`);

/** Everything the verdicts read, recorded from the sandbox's events as they happen. */
function createRecorder() {
  const sent: Sent[] = [];
  /** Reply bodies per sender, in the order the sandbox received them from the gateways. */
  const replies = new Map<string, { phase: Phase; index: number }[]>();
  const attempts = new Map<
    Phase,
    { ok: number; refused: { kind: string; status: number | null; error: string | null; at: string }[] }
  >();
  let phase: Phase = 'kill';
  const onEvent = (event: SandboxEvent) => {
    if (event.type === 'message.created' && event.message.direction === 'outbound-api') {
      const match = /^You said: (kill|roll) s\d+ m(\d+)$/.exec(event.message.body);
      if (match === null) return;
      const list = replies.get(event.message.to) ?? [];
      list.push({ phase: match[1] as Phase, index: Number(match[2]) });
      replies.set(event.message.to, list);
    }
    if (event.type === 'webhook.attempt') {
      const counts = attempts.get(phase) ?? { ok: 0, refused: [] };
      if (event.attempt.status === 200) counts.ok += 1;
      else {
        const { kind, status, error, at } = event.attempt;
        counts.refused.push({ kind, status, error, at: at.toISOString() });
      }
      attempts.set(phase, counts);
    }
  };
  return {
    sent,
    replies,
    attempts,
    onEvent,
    setPhase: (next: Phase) => {
      phase = next;
    },
  };
}
type Recorder = ReturnType<typeof createRecorder>;

/** The handsets: each texts, waits for its webhook's answer, pauses, texts again, until told to stop. */
function startSenders(sandbox: ReturnType<typeof createSandbox>, recorder: Recorder, phase: Phase) {
  let stopping = false;
  const acked = new Map<string, number>();
  const loops = Array.from({ length: SENDERS }, async (_, n) => {
    const sender = `+1202555${2000 + n}`;
    for (let index = 1; !stopping; index += 1) {
      const result = await sandbox.phones.send({
        from: sender,
        to: NUMBER,
        body: `${phase} s${n} m${index}`,
      });
      const statuses = result.webhook?.attempts.map((attempt) => attempt.status) ?? [];
      const ok = statuses.at(-1) === 200;
      recorder.sent.push({ phase, sender, index, acked: ok, statuses });
      if (ok) acked.set(sender, (acked.get(sender) ?? 0) + 1);
      await sleep(THINK_MS);
    }
  });
  return {
    /** Acknowledged texts of the sender with the fewest. */
    leastAcked: () =>
      Math.min(...Array.from({ length: SENDERS }, (_, n) => acked.get(`+1202555${2000 + n}`) ?? 0)),
    async stop() {
      stopping = true;
      await Promise.all(loops);
    },
  };
}

interface Verdict {
  phase: Phase;
  texts: number;
  acked: number;
  unacked: number;
  answered: number;
  duplicates: number;
  missing: number;
  orderViolations: number;
  failures: string[];
}

function judge(recorder: Recorder, phase: Phase): Verdict {
  const mine = recorder.sent.filter((entry) => entry.phase === phase);
  const failures: string[] = [];
  const counts = new Map<string, number>();
  let orderViolations = 0;
  for (const [sender, list] of recorder.replies) {
    let last = 0;
    for (const reply of list.filter((entry) => entry.phase === phase)) {
      const key = `${sender} ${reply.index}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (reply.index <= last) {
        orderViolations += 1;
        failures.push(`${phase}: ${sender} got the reply to m${reply.index} after the reply to m${last}`);
      }
      last = Math.max(last, reply.index);
    }
  }
  const duplicates = [...counts.values()].filter((count) => count > 1).length;
  for (const [key, count] of counts) if (count > 1) failures.push(`${phase}: ${key} answered ${count} times`);
  const acked = mine.filter((entry) => entry.acked);
  const missing = acked.filter((entry) => !counts.has(`${entry.sender} ${entry.index}`));
  for (const entry of missing.slice(0, 10))
    failures.push(`${phase}: ${entry.sender} m${entry.index} acknowledged, never answered`);
  return {
    phase,
    texts: mine.length,
    acked: acked.length,
    unacked: mine.length - acked.length,
    answered: counts.size,
    duplicates,
    missing: missing.length,
    orderViolations,
    failures,
  };
}

/** Waits until the queue is empty (nothing pending or claimed) and every acknowledged text has its reply. */
async function waitDrained(
  store: Awaited<ReturnType<typeof openPostgresStore>>,
  recorder: Recorder,
  phase: Phase,
): Promise<void> {
  let lastCompleted = -1;
  let lastMove = Date.now();
  for (;;) {
    const counts = await store.countInbound();
    const verdict = judge(recorder, phase);
    if (counts.pending === 0 && counts.claimed === 0 && verdict.missing === 0) return;
    if (counts.completed !== lastCompleted) {
      lastCompleted = counts.completed;
      lastMove = Date.now();
    }
    if (Date.now() - lastMove > STALL_MS) {
      throw new Error(
        `the queue stopped draining: ${JSON.stringify(counts)}, ${verdict.missing} acknowledged texts unanswered`,
      );
    }
    await sleep(200);
  }
}

const cleanups: (() => Promise<void> | void)[] = [];

async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.log(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

// Stopped from outside (the script's time limit, Ctrl-C): nothing this run started may outlive it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`FAIL stopped by ${signal}`);
    void cleanUp().finally(() => process.exit(1));
  });
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'sms-scale-e2e-'));
  let ok = false;
  try {
    say(`run folder ${dir}`);
    const cluster: Cluster = startCluster();
    cleanups.push(() => cluster.destroy());
    say(`PostgreSQL at ${cluster.url}`);

    const haproxyPort = await freePort();
    const publicUrl = `http://127.0.0.1:${haproxyPort}/webhooks/sms`;
    const sandbox = createSandbox({ webhookUrl: publicUrl, deliveryDelayMs: 20, numbers: [NUMBER] });
    await sandbox.start();
    cleanups.push(() => sandbox.stop());
    const recorder = createRecorder();
    sandbox.subscribe(recorder.onEvent);

    const configFile = join(dir, 'gateway.json5');
    writeFileSync(
      configFile,
      JSON.stringify(
        {
          channels: {
            sms: {
              accountSid: sandbox.accountSid,
              authToken: sandbox.authToken,
              fromNumber: NUMBER,
              publicWebhookUrl: publicUrl,
              twilioApiBaseUrl: sandbox.url,
              dmPolicy: 'open',
              allowFrom: ['*'],
            },
          },
          agent: { kind: 'echo' },
          gateway: {
            host: '127.0.0.1',
            stateDir: join(dir, 'state'),
            trustProxy: true,
            workers: 4,
            claimLeaseMs: 10_000,
            shutdownGraceMs: 10_000,
            logLevel: 'info',
            limits: { senderTurnsPerMinute: 6000 },
            store: { url: cluster.url, password: { source: 'env', id: 'SCALE_DB_PASSWORD' } },
          },
        },
        null,
        2,
      ),
    );
    const gateways: GatewayProcess[] = [];
    for (let n = 1; n <= 3; n += 1) {
      gateways.push(
        gatewayProcess({
          name: `gw${n}`,
          configFile,
          port: await freePort(),
          logFile: join(dir, `gw${n}.log`),
          env: { SCALE_DB_PASSWORD: cluster.password },
        }),
      );
    }
    cleanups.push(async () => {
      for (const gateway of gateways) if (gateway.running) await gateway.stop('SIGKILL');
    });
    await Promise.all(gateways.map((gateway) => gateway.start()));
    const haproxy: Haproxy = await startHaproxy({
      dir,
      port: haproxyPort,
      servers: gateways.map((gateway) => ({ name: gateway.name, port: gateway.port })),
      logRequests: true,
    });
    cleanups.push(() => haproxy.stop());
    for (const gateway of gateways) await haproxy.waitUp(gateway.name);
    say(`3 gateways ready behind HAProxy at ${haproxy.url}`);
    const store = await openPostgresStore({
      connectionString: cluster.url,
      password: cluster.password,
      poolSize: 2,
    });
    cleanups.push(() => store.close());

    // Phase "kill": SIGKILL one gateway every few seconds, start it again at once.
    recorder.setPhase('kill');
    let senders = startSenders(sandbox, recorder, 'kill');
    const killStarted = Date.now();
    for (let kill = 0; kill < KILLS; kill += 1) {
      await sleep(KILL_EVERY_MS);
      const victim = gateways[kill % gateways.length] as GatewayProcess;
      const ended = await victim.stop('SIGKILL');
      say(`killed ${victim.name} (${ended.signal}), ${recorder.sent.length} texts so far; starting it again`);
      await victim.start();
    }
    await senders.stop();
    say('kill phase: texting stopped; waiting for the queue to drain');
    await waitDrained(store, recorder, 'kill');
    const killMs = Date.now() - killStarted;
    const killVerdict = judge(recorder, 'kill');

    // Phase "roll": SIGTERM one gateway at a time while the handsets keep texting.
    recorder.setPhase('roll');
    const rollStarted = Date.now();
    senders = startSenders(sandbox, recorder, 'roll');
    await waitFor('every handset to have a text acknowledged', () => senders.leastAcked() >= 1);
    const exits: string[] = [];
    for (const gateway of gateways) {
      const ended = await gateway.stop('SIGTERM');
      exits.push(`${gateway.name}: exit ${ended.code ?? ended.signal}`);
      if (ended.code !== 0)
        throw new Error(`${gateway.name} did not stop cleanly on SIGTERM: ${JSON.stringify(ended)}`);
      await gateway.start();
      await haproxy.waitUp(gateway.name);
      say(`rolled ${gateway.name}`);
    }
    const before = senders.leastAcked();
    await waitFor('every handset to text again after the last restart', () => senders.leastAcked() > before);
    await senders.stop();
    await waitDrained(store, recorder, 'roll');
    const rollMs = Date.now() - rollStarted;
    const rollVerdict = judge(recorder, 'roll');
    const rollAttempts = recorder.attempts.get('roll') ?? { ok: 0, refused: [] };

    const counts = await store.countInbound();
    const failures = [...killVerdict.failures, ...rollVerdict.failures];
    if (counts.deadLettered !== 0) failures.push(`${counts.deadLettered} dead-lettered messages`);
    if (rollAttempts.refused.length > 0) {
      failures.push(
        `rolling restart: ${rollAttempts.refused.length} webhook attempts refused, e.g. ${JSON.stringify(rollAttempts.refused.slice(0, 3))}`,
      );
    }
    const figures = {
      senders: SENDERS,
      kill: { ...killVerdict, failures: undefined, kills: KILLS, seconds: Math.round(killMs / 1000) },
      roll: {
        ...rollVerdict,
        failures: undefined,
        restarts: gateways.length,
        webhookAttempts: rollAttempts.ok + rollAttempts.refused.length,
        refused: rollAttempts.refused.length,
        exits,
        seconds: Math.round(rollMs / 1000),
      },
      queue: counts,
      runSeconds: Math.round((Date.now() - started) / 1000),
    };
    console.log(JSON.stringify(figures, null, 2));
    for (const failure of failures) console.log(`FAIL ${failure}`);
    ok = failures.length === 0;
    console.log(ok ? 'PASS multi-gateway end to end' : `FAIL multi-gateway end to end (folder ${dir})`);
  } catch (error) {
    console.log(`FAIL ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    console.log(`logs: ${dir}`);
  } finally {
    await cleanUp();
    if (ok && process.env.SCALE_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  }
  return ok ? 0 : 1;
}

process.exitCode = await main();
