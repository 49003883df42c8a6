// The command agent of the end-to-end tests: "long" prints a ~3,000-character markdown reply, "counted" prints
// it between a header and a footer naming how many times "counted" ran (a counter file, argv[3]): a reply
// that differs on every run, as a model's would. "sleep <ms> ..." sleeps first. "hang-once ..." writes the
// marker file (argv[4]) and then hangs, the first time; once the marker exists it answers at once: a test kills
// the gateway as soon as the marker shows the turn is in the agent. Anything else is echoed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const text = readFileSync(0, 'utf8');
const sleep = /^sleep (\d+)/.exec(text);
if (sleep) await new Promise((resolve) => setTimeout(resolve, Number(sleep[1])));
if (text.startsWith('hang-once') && !existsSync(process.argv[4])) {
  writeFileSync(process.argv[4], String(process.pid));
  await new Promise(() => setInterval(() => {}, 60_000));
}
if (text.trim() === 'long') process.stdout.write(readFileSync(process.argv[2], 'utf8'));
else if (text.trim() === 'counted') {
  const counter = process.argv[3];
  const run = (existsSync(counter) ? Number(readFileSync(counter, 'utf8')) : 0) + 1;
  writeFileSync(counter, String(run));
  const long = readFileSync(process.argv[2], 'utf8');
  process.stdout.write(`# Reply number ${run}\n\n${long}\n\nEnd of reply number ${run}.\n`);
} else process.stdout.write(`You said: ${text}`);
