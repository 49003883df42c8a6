#!/usr/bin/env node
/**
 * @module sms-e2e
 * Helpers of apps/openclaw-plugin/e2e/test-openclaw.sh (the OpenClaw plugin end-to-end test): HTTP calls to the
 * Twilio sandbox and the stub model, and the JSON checks, so the shell script needs neither jq nor a JSON
 * parser of its own. Dependency-free; runs on the workspace's Node 20 or the host's Node 24.
 *
 *   free-port                                  a free TCP port on 127.0.0.1
 *   text SANDBOX HANDSET BODY                  a handset texts the number; prints {status, messageSid}
 *   wait-replies SANDBOX HANDSET COUNT [SECS]  waits for COUNT texts to HANDSET after the handset's last text;
 *                                              prints their bodies (JSON array, oldest first)
 *   outbound-count SANDBOX HANDSET             texts sent to HANDSET so far
 *   replay SANDBOX MESSAGE_SID [bad-signature] re-POSTs the signed webhook of that text (or with a wrong
 *                                              signature); prints {status, reason}
 *   format-parts MARKDOWN_FILE MAX_CHARS       formatSmsReply(markdown) of the workspace's sms-text (JSON array)
 *   expect-parts MARKDOWN_FILE MAX_CHARS BODIES_JSON  compares the bodies with formatSmsReply(markdown)
 *   json FILE EXPRESSION                       evaluates a JS expression over the JSON in FILE (as `j`);
 *                                              prints the result, exit 1 when it is false/undefined/null
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function fail(message) {
  process.stderr.write(`sms-e2e: ${message}\n`);
  process.exit(1);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function getJson(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) fail(`GET ${url} -> ${response.status}`);
  return response.json();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Messages of the sandbox (oldest first): `GET /_sandbox/phones/{handset}/messages`. */
async function conversation(sandbox, handset) {
  const { messages } = await getJson(`${sandbox}/_sandbox/phones/${encodeURIComponent(handset)}/messages`);
  return messages;
}

const isOutbound = (message) => String(message.direction ?? '').startsWith('outbound');

async function text(sandbox, handset, body) {
  const response = await fetch(`${sandbox}/_sandbox/phones/${encodeURIComponent(handset)}/messages?wait=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
    signal: AbortSignal.timeout(30_000),
  });
  const result = await response.json();
  if (!response.ok) fail(`texting from ${handset} -> ${response.status} ${JSON.stringify(result)}`);
  const attempts = result.webhook?.attempts ?? [];
  const last = attempts.at(-1);
  return { status: last?.status ?? null, messageSid: result.message?.sid, error: last?.error ?? null };
}

/** A handset texts a picture (a PNG file), with `body` as its caption. */
async function textMedia(sandbox, handset, body, file) {
  const data = readFileSync(file).toString('base64');
  const response = await fetch(`${sandbox}/_sandbox/phones/${encodeURIComponent(handset)}/messages?wait=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ body, media: [{ data, contentType: 'image/png', filename: 'photo.png' }] }),
    signal: AbortSignal.timeout(30_000),
  });
  const result = await response.json();
  if (!response.ok) fail(`texting a picture from ${handset} -> ${response.status} ${JSON.stringify(result)}`);
  const last = (result.webhook?.attempts ?? []).at(-1);
  return {
    status: last?.status ?? null,
    messageSid: result.message?.sid,
    media: result.message?.media?.length ?? 0,
  };
}

/** The first text to `handset` after its last own text that carries media and reached `delivered` (or failed). */
async function waitMms(sandbox, handset, seconds) {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const done = (await repliesAfterLastText(sandbox, handset)).find(
      (message) =>
        message.media?.length > 0 && ['delivered', 'failed', 'undelivered'].includes(message.status),
    );
    if (done !== undefined) {
      const { body, status, errorCode, media } = done;
      return {
        body,
        status,
        errorCode,
        media: media.map(({ contentType, size }) => ({ contentType, size })),
      };
    }
    await sleep(250);
  }
  fail(
    `waited ${seconds}s for an MMS to ${handset}: ${JSON.stringify(await repliesAfterLastText(sandbox, handset))}`,
  );
}

/** Texts to `handset` that came after its last own text. */
async function repliesAfterLastText(sandbox, handset) {
  const messages = await conversation(sandbox, handset);
  let lastInbound = -1;
  messages.forEach((message, index) => {
    if (!isOutbound(message)) lastInbound = index;
  });
  return messages.slice(lastInbound + 1).filter(isOutbound);
}

async function waitReplies(sandbox, handset, count, seconds) {
  const end = Date.now() + seconds * 1000;
  let replies = [];
  while (Date.now() < end) {
    replies = await repliesAfterLastText(sandbox, handset);
    if (replies.length >= count) return replies.map((message) => message.body);
    await sleep(250);
  }
  fail(
    `waited ${seconds}s for ${count} text(s) to ${handset}; got ${replies.length}: ${JSON.stringify(replies.map((m) => m.body))}`,
  );
}

async function replay(sandbox, messageSid, badSignature) {
  const { attempts } = await getJson(`${sandbox}/_sandbox/webhooks`);
  const attempt = attempts.find((entry) => entry.kind === 'inbound' && entry.messageSid === messageSid);
  if (attempt === undefined) fail(`no webhook attempt for ${messageSid}`);
  const genuine = String(attempt.signature);
  // Change the first character for sure: prefixing a fixed letter kept 1 signature in 64 unchanged (it flaked).
  const signature = badSignature ? `${genuine.startsWith('A') ? 'B' : 'A'}${genuine.slice(1)}` : genuine;
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(attempt.params)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, String(item));
  }
  const response = await fetch(attempt.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: body.toString(),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, reason: response.headers.get('x-sms-channel-reason') };
}

async function formatParts(markdownFile, maxChars) {
  const { formatSmsReply } = await import(pathToFileURL(join(repo, 'packages/sms-text/dist/index.js')).href);
  return formatSmsReply(readFileSync(markdownFile, 'utf8'), { maxChars });
}

async function expectParts(markdownFile, maxChars, bodiesJson) {
  const expected = await formatParts(markdownFile, maxChars);
  const bodies = JSON.parse(bodiesJson);
  if (JSON.stringify(bodies) !== JSON.stringify(expected)) {
    fail(
      `parts differ from formatSmsReply:\nexpected ${JSON.stringify(expected)}\nreceived ${JSON.stringify(bodies)}`,
    );
  }
  return { parts: bodies.length, lengths: bodies.map((body) => body.length) };
}

function json(file, expression) {
  let j;
  try {
    j = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`${file} is not JSON: ${error.message}`);
  }
  const value = new Function('j', `return (${expression});`)(j);
  if (value === false || value === undefined || value === null) fail(`${expression} is ${value} in ${file}`);
  return value;
}

const [command, ...args] = process.argv.slice(2);
const print = (value) =>
  process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
switch (command) {
  case 'free-port':
    print(String(await freePort()));
    break;
  case 'text':
    print(await text(args[0], args[1], args[2]));
    break;
  case 'text-media':
    print(await textMedia(args[0], args[1], args[2], args[3]));
    break;
  case 'wait-mms':
    print(await waitMms(args[0], args[1], Number(args[2] ?? 60)));
    break;
  case 'write-png':
    // A real 1x1 PNG, the picture of the MMS steps.
    writeFileSync(
      args[0],
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
    break;
  case 'wait-replies':
    print(await waitReplies(args[0], args[1], Number(args[2]), Number(args[3] ?? 60)));
    break;
  case 'outbound-count':
    print(String((await conversation(args[0], args[1])).filter(isOutbound).length));
    break;
  case 'replay':
    print(await replay(args[0], args[1], args[2] === 'bad-signature'));
    break;
  case 'format-parts':
    print(await formatParts(args[0], Number(args[1])));
    break;
  case 'expect-parts':
    print(await expectParts(args[0], Number(args[1]), args[2]));
    break;
  case 'json':
    print(json(args[0], args[1]));
    break;
  default:
    fail(`unknown command ${command ?? '(none)'}`);
}
