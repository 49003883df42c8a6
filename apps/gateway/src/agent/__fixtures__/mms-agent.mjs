// A `protocol: "json"` command agent for the MMS tests: answers with the count and types of the media it got,
// and sends the first picture back.
import { readFileSync } from 'node:fs';

const turn = JSON.parse(readFileSync(0, 'utf8'));
const types = turn.media.map((media) => media.contentType).join(', ');
const media = turn.media.length === 0 ? [] : [{ path: turn.media[0].path }];
process.stdout.write(
  JSON.stringify({ text: `got ${turn.media.length} (${types}) from ${process.env.SMS_FROM}`, media }),
);
