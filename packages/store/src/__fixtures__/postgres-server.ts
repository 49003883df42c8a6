/**
 * Vitest global setup of the PostgreSQL tests: starts a throwaway cluster for the run with
 * scripts/postgres/postgres-cluster.sh (installing Debian's PostgreSQL when missing), hands its URL and
 * password to the tests (`inject('postgres')`), and destroys it afterwards. If it cannot start, the run fails
 * with the script's reason: the PostgreSQL tests are never skipped silently.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

/** What the tests get through `inject('postgres')`. */
export interface PostgresTestServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, without the password (TCP logins need it). */
  url: string;
  password: string;
  /**
   * The same server through its unix socket, where logins are trusted: what most tests use, as a password
   * login costs tens of ms of SCRAM hashing per connection.
   */
  socketUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresTestServer;
  }
}

export const clusterScript = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'scripts',
  'postgres',
  'postgres-cluster.sh',
);

/** Runs the cluster script; throws with its stderr when it fails. */
export function runClusterScript(args: readonly string[]): string {
  try {
    return execFileSync(clusterScript, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    throw new Error(
      `the PostgreSQL tests need a PostgreSQL server and ${clusterScript} ${args[0]} failed: ${failed.message}\n${failed.stderr ?? ''}`,
    );
  }
}

/** Starts a cluster in a new temp folder; returns it with its folder. */
export function startCluster(): PostgresTestServer & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sms-store-pg-'));
  const password = randomBytes(12).toString('hex');
  const passwordFile = join(mkdtempSync(join(tmpdir(), 'sms-store-pgpw-')), 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  const url = runClusterScript(['start', dir, '--password-file', passwordFile]).split('\n').at(-1) ?? '';
  const { port } = new URL(url);
  const socketUrl = `postgres://postgres@/postgres?host=${encodeURIComponent(dir)}&port=${port}`;
  return { url, password, socketUrl, dir };
}

export function setup(project: TestProject): () => void {
  const server = startCluster();
  project.provide('postgres', { url: server.url, password: server.password, socketUrl: server.socketUrl });
  return () => {
    runClusterScript(['destroy', server.dir]);
  };
}
