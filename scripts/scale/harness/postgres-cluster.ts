/**
 * A throwaway PostgreSQL cluster for the multi-gateway test and the scale bench, run by the project's own
 * scripts/postgres/postgres-cluster.sh: Debian's PostgreSQL (installed when missing), `initdb` in a temp folder,
 * loopback only, an unprivileged server user, destroyed afterwards. If it cannot start, the error says why.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from './repo-path.js';

const clusterScript = repoPath('scripts/postgres/postgres-cluster.sh');

export interface Cluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, without the password (TCP logins need it). */
  url: string;
  password: string;
  dir: string;
  /** The postmaster's pid (its backends are its children). */
  pid(): number;
  destroy(): void;
}

function run(args: readonly string[]): string {
  try {
    return execFileSync(clusterScript, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    throw new Error(`PostgreSQL could not ${args[0]}: ${failed.message}\n${failed.stderr ?? ''}`);
  }
}

/**
 * Starts a password-protected cluster (scram-sha-256 over TCP). `durable`: every commit is flushed to disk as in
 * production (the bench); else fsync is off (the test: it kills gateways, not the machine).
 */
export function startCluster(options: { durable?: boolean } = {}): Cluster {
  const dir = mkdtempSync(join(tmpdir(), 'sms-scale-pg-'));
  const password = randomBytes(12).toString('hex');
  const passwordFile = join(mkdtempSync(join(tmpdir(), 'sms-scale-pgpw-')), 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  const args = [
    'start',
    dir,
    '--password-file',
    passwordFile,
    ...(options.durable === true ? ['--durable'] : []),
  ];
  const url = run(args).split('\n').at(-1) ?? '';
  return {
    url,
    password,
    dir,
    pid: () => Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]),
    destroy: () => void run(['destroy', dir]),
  };
}
