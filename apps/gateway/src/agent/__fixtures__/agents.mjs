// Test programs for the command agent, chosen by the first argument.
import { readFileSync } from 'node:fs';

const mode = process.argv[2];
const input = readFileSync(0, 'utf8');
if (mode === 'upper') process.stdout.write(`**${input.toUpperCase()}**`);
else if (mode === 'env')
  process.stdout.write(
    JSON.stringify({
      from: process.env.SMS_FROM,
      to: process.env.SMS_TO,
      account: process.env.SMS_ACCOUNT_ID,
      sid: process.env.SMS_MESSAGE_SID,
      extra: process.env.EXTRA,
    }),
  );
else if (mode === 'fail') {
  process.stderr.write('model crashed: out of memory\n');
  process.exit(3);
} else if (mode === 'silent') process.exit(0);
else if (mode === 'file') process.stdout.write(readFileSync(process.argv[3], 'utf8'));
else if (mode === 'media-env')
  process.stdout.write(
    JSON.stringify({
      count: process.env.SMS_MEDIA_COUNT,
      files: process.env.SMS_MEDIA_FILES,
      types: process.env.SMS_MEDIA_TYPES,
      json: JSON.parse(process.env.SMS_MEDIA_JSON ?? 'null'),
    }),
  );
// protocol "json": answers with the turn it read, and a picture back.
else if (mode === 'json-echo') {
  const turn = JSON.parse(input);
  process.stdout.write(
    JSON.stringify({
      text: `got ${turn.media.length} from ${turn.from}: ${turn.text}`,
      media: [{ path: turn.media[0].path }],
    }),
  );
} else if (mode === 'json-bad')
  process.stdout.write(JSON.stringify({ text: 'x', media: [{ path: 'relative.png' }] }));
