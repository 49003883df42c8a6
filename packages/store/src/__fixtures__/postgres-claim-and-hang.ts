/**
 * Child process of the PostgreSQL lease test, standing in for a gateway instance that dies mid-turn: claims
 * one message, prints `claimed <id>`, then hangs until the test kills it with SIGKILL.
 * Usage: node --import tsx postgres-claim-and-hang.ts <connection string> <schema>
 */
import { writeSync } from 'node:fs';
import { openPostgresStore } from '../postgres/open-postgres-store.js';

const [connectionString, schema] = process.argv.slice(2);
if (connectionString === undefined || schema === undefined) {
  throw new Error('usage: postgres-claim-and-hang.ts <connection string> <schema>');
}
const store = await openPostgresStore({ connectionString, schema, poolSize: 1 });
const claimed = await store.claimInbound({ leaseMs: 60_000 });
writeSync(1, `claimed ${claimed?.id ?? 'none'}\n`);
setInterval(() => undefined, 60_000);
