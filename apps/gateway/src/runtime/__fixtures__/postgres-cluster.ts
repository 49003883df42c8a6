/**
 * A throwaway PostgreSQL cluster for the gateway's PostgreSQL tests, run by the project's own
 * scripts/postgres/postgres-cluster.sh (Debian's PostgreSQL, installed when missing; `initdb` in a temp folder,
 * loopback only, an unprivileged server user). If it cannot start, the test fails with the script's reason.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const clusterScript = fileURLToPath(
  new URL('../../../../../scripts/postgres/postgres-cluster.sh', import.meta.url),
);

export interface TestCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, without the password (TCP logins need it). */
  url: string;
  password: string;
  dir: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

function run(args: readonly string[]): string {
  try {
    return execFileSync(clusterScript, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    throw new Error(
      `this test needs a PostgreSQL server and ${clusterScript} ${args[0]} failed: ${failed.message}\n${failed.stderr ?? ''}`,
    );
  }
}

/** Starts a password-protected cluster (scram-sha-256 over TCP) in a new temp folder. */
export function startTestCluster(): TestCluster {
  const dir = mkdtempSync(join(tmpdir(), 'sms-gateway-pg-'));
  const password = randomBytes(12).toString('hex');
  const passwordFile = join(mkdtempSync(join(tmpdir(), 'sms-gateway-pgpw-')), 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  const url = run(['start', dir, '--password-file', passwordFile]).split('\n').at(-1) ?? '';
  return {
    url,
    password,
    dir,
    stop: () => void run(['stop', dir]),
    start: () => void run(['start', dir]),
    destroy: () => void run(['destroy', dir]),
  };
}
