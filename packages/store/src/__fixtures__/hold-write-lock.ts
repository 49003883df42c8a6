/**
 * Child process of the busy tests: takes SQLite's write lock on the store file with a plain connection (of
 * the tests' driver), prints `locked`, holds it for the given time (or, given `until-told`, until a line
 * `release` arrives on stdin), then commits and exits.
 * Usage: node --import tsx hold-write-lock.ts <store path> <hold ms | until-told>
 */
import { writeSync } from 'node:fs';
import { openTestConnection } from './test-driver.js';

const [path, holdMs] = process.argv.slice(2);
if (path === undefined || holdMs === undefined) throw new Error('usage: hold-write-lock.ts <path> <ms>');
const db = await openTestConnection(path, { busyTimeoutMs: 5000 });
db.exec('BEGIN IMMEDIATE');
db.prepare('INSERT INTO opt_out (account_id, sender, since) VALUES (?, ?, ?)').run('acct', '+15555550999', 1);
writeSync(1, 'locked\n');
function release(): void {
  db.exec('COMMIT');
  db.close();
}

if (holdMs === 'until-told') {
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (text: string) => {
    if (text.split('\n').includes('release')) {
      release();
      process.stdin.destroy();
    }
  });
} else {
  setTimeout(release, Number(holdMs));
}
