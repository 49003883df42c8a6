/**
 * Child process of the two-process tests, standing in for the CLI: runs one store operation on a file another
 * process has open, and prints the JSON result.
 * Usage: node --import tsx store-cli.ts <store path> approve <account> <sender>
 *        node --import tsx store-cli.ts <store path> admit <account> <first> <count>
 *        node --import tsx store-cli.ts <store path> count
 */
import { writeSync } from 'node:fs';
import { openStore } from '../index.js';
import { testDriver } from './test-driver.js';

const [path, command, ...args] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: store-cli.ts <path> <command> ...');
const store = await openStore(path, { driver: testDriver });

async function run(): Promise<unknown> {
  if (command === 'approve') return store.pairing.addApproved(args[0] ?? '', args[1] ?? '');
  if (command === 'count') return store.countInbound();
  if (command === 'admit') {
    const first = Number(args[1]);
    const sids = Array.from({ length: Number(args[2]) }, (_, i) => `SM${first + i}`);
    const results = await Promise.all(
      sids.map((sid, i) => store.admitInbound(args[0] ?? '', sid, { From: `+1555555${1000 + (i % 7)}` })),
    );
    return { admitted: results.filter((r) => !r.duplicate).length };
  }
  throw new Error(`unknown command ${command}`);
}

const result = await run();
await store.close();
writeSync(1, `${JSON.stringify(result ?? null)}\n`);
