/**
 * Child process of the crash test: admits messages in concurrent bursts, forever, and reports on stdout each
 * admit whose promise resolved (`ok <MessageSid>`), until the test kills it with SIGKILL.
 * Usage: node --import tsx admit-loop.ts <store path> <round>
 */
import { writeSync } from 'node:fs';
import { openStore } from '../index.js';
import { crashPayload } from './crash-payload.js';
import { testDriver } from './test-driver.js';

const [path, round] = process.argv.slice(2);
if (path === undefined || round === undefined) throw new Error('usage: admit-loop.ts <path> <round>');

const store = await openStore(path, { driver: testDriver });
writeSync(1, 'ready\n');
let next = 0;
for (;;) {
  const burst = 1 + Math.floor(Math.random() * 32);
  const sids = Array.from({ length: burst }, () => `SM${round}x${next++}`);
  // Re-admitting an earlier message, as a Twilio retry would, must never add a second copy.
  if (next > burst) sids.push(`SM${round}x${Math.floor(Math.random() * (next - burst))}`);
  await Promise.all(
    sids.map(async (sid) => {
      await store.admitInbound('acct', sid, crashPayload(sid));
      writeSync(1, `ok ${sid}\n`);
    }),
  );
}
