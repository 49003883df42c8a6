// The command agent of the end-to-end tests: "long" prints a ~3,000-character markdown reply, "sleep <ms> ..."
// sleeps first (to be killed mid-turn), anything else is echoed.
import { readFileSync } from 'node:fs';

const text = readFileSync(0, 'utf8');
const sleep = /^sleep (\d+)/.exec(text);
if (sleep) await new Promise((resolve) => setTimeout(resolve, Number(sleep[1])));
if (text.trim() === 'long') process.stdout.write(readFileSync(process.argv[2], 'utf8'));
else process.stdout.write(`You said: ${text}`);
