/**
 * @module bench/twilio-signature
 * Webhook verifications per second, `@sms-channel/twilio-signature` against `twilio.validateRequest`
 * (the baseline), on a realistic 20-field inbound-SMS webhook. Both run in the same process,
 * interleaved round by round (the machine is shared, so absolute rates are noisy; the ratio of
 * medians is the figure). Every case first asserts that both give the same verdict, and every
 * timed call's verdict is checked again, so neither side can win by being wrong. Nothing is
 * cached between calls: each call recomputes the params payload and every HMAC it needs.
 * One piece of work is reused: the sorted order of the param names, when a call's names are the
 * same, in the same order, as the previous call's (as with a server receiving one kind of
 * webhook). The "two webhook shapes" case alternates an SMS and a status callback, so there the
 * names are sorted on every call.
 *
 * "verifier" is `createSignatureVerifier({ authToken })` made once, as a server does at start-up
 * (it validates the token and keys the HMAC); "one-shot" is `checkSignature(...)`, which does
 * that on every call, like `validateRequest`. The forged rows show what a refusal costs: every URL
 * variant that the request's URL could have been rewritten from is tried before saying no.
 *
 * Run from the repo root after building: `node --expose-gc --import tsx bench/twilio-signature.bench.ts`
 */
import querystring from 'node:querystring';
import {
  checkSignature,
  computeSignature,
  createSignatureVerifier,
  parseFormBody,
} from '@sms-channel/twilio-signature';
import twilio from 'twilio';
import { formatMachine } from './lib/machine.js';
import { measureRate, median } from './lib/measure.js';

const authToken = '0123456789abcdef0123456789abcdef';
const url = 'https://sms.example.com/webhooks/sms';
const params: Record<string, string> = {
  ToCountry: 'US',
  ToState: 'CA',
  SmsMessageSid: 'SM0123456789abcdef0123456789abcdef',
  NumMedia: '0',
  ToCity: 'SAN FRANCISCO',
  FromZip: '94105',
  SmsSid: 'SM0123456789abcdef0123456789abcdef',
  FromState: 'CA',
  SmsStatus: 'received',
  FromCity: 'SAN FRANCISCO',
  Body: "Hi! Can you summarise today's agenda and remind me what I promised to send Sam by Friday? Thanks 🙂",
  FromCountry: 'US',
  To: '+15555550100',
  MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
  ToZip: '94105',
  NumSegments: '1',
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: '+15555550123',
  ApiVersion: '2010-04-01',
};
const rawBody = new URLSearchParams(params).toString();
/** A message status callback: the other webhook an SMS channel receives, with other field names. */
const statusParams: Record<string, string> = {
  ErrorCode: '',
  SmsSid: 'SM0123456789abcdef0123456789abcdef',
  SmsStatus: 'delivered',
  MessageStatus: 'delivered',
  To: '+15555550123',
  MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: '+15555550100',
  ApiVersion: '2010-04-01',
  RawDlrDoneDate: '2611271608',
};
const genuine = computeSignature(authToken, url, params);

const verifier = createSignatureVerifier({ authToken });

interface Case {
  name: string;
  /** The URL the app passes (what it believes Twilio called). */
  url: string;
  signature: string;
  expected: boolean;
  ours: 'verifier' | 'one-shot' | 'raw-body' | 'two-shapes';
}

const forged = computeSignature('guess', url, params);
const url443 = url.replace('.com/', '.com:443/');
/** The URL a gateway without a public URL checks against: its own listen address, with a port. */
const listenUrl = 'http://127.0.0.1:8787/webhooks/sms';
/** A configured URL with a query naming the account, as multi-account setups use. */
const queryUrl = `${url}?account=main`;
const statusSignature = computeSignature(authToken, url, statusParams);
const cases: Case[] = [
  {
    name: 'genuine, URL as configured (verifier)',
    url,
    signature: genuine,
    expected: true,
    ours: 'verifier',
  },
  {
    name: 'genuine, URL as configured (one-shot)',
    url,
    signature: genuine,
    expected: true,
    ours: 'one-shot',
  },
  {
    name: 'genuine, two webhook shapes alternating (verifier)',
    url,
    signature: genuine,
    expected: true,
    ours: 'two-shapes',
  },
  {
    name: 'genuine, proxy added :443 (verifier)',
    url: url443,
    signature: genuine,
    expected: true,
    ours: 'verifier',
  },
  {
    name: 'genuine, Twilio and app both with :443 (verifier)',
    url: url443,
    signature: computeSignature(authToken, url443, params),
    expected: true,
    ours: 'verifier',
  },
  {
    name: 'genuine, Twilio signed with :443 (verifier)',
    url,
    signature: computeSignature(authToken, url443, params),
    expected: true,
    ours: 'verifier',
  },
  {
    name: 'forged, URL as configured (verifier)',
    url,
    signature: forged,
    expected: false,
    ours: 'verifier',
  },
  {
    name: 'forged, URL with a query (verifier)',
    url: queryUrl,
    signature: computeSignature('guess', queryUrl, params),
    expected: false,
    ours: 'verifier',
  },
  {
    name: 'forged, listen address with a port (verifier)',
    url: listenUrl,
    signature: computeSignature('guess', listenUrl, params),
    expected: false,
    ours: 'verifier',
  },
  {
    name: 'genuine, listen address with a port (verifier)',
    url: listenUrl,
    signature: computeSignature(authToken, listenUrl, params),
    expected: true,
    ours: 'verifier',
  },
  {
    name: 'genuine, from the raw body: parse + verify',
    url,
    signature: genuine,
    expected: true,
    ours: 'raw-body',
  },
];

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 700);

function ours(c: Case): () => boolean {
  const { url: caseUrl, signature } = c;
  switch (c.ours) {
    case 'verifier':
      return () => verifier.check({ url: caseUrl, signature, params }).ok;
    case 'one-shot':
      return () => checkSignature({ authToken, url: caseUrl, signature, params }).ok;
    case 'raw-body':
      return () => verifier.check({ url: caseUrl, signature, params: parseFormBody(rawBody) }).ok;
    case 'two-shapes':
      return alternating(
        () => verifier.check({ url: caseUrl, signature, params }).ok,
        () => verifier.check({ url: caseUrl, signature: statusSignature, params: statusParams }).ok,
      );
  }
}

/** Calls `first` and `second` in turn, one per call. */
function alternating(first: () => boolean, second: () => boolean): () => boolean {
  let turn = 0;
  return () => (turn++ % 2 === 0 ? first() : second());
}

/** The baseline; for the raw-body case it parses with querystring, as body-parser's urlencoded does. */
function sdk(c: Case): () => boolean {
  if (c.ours === 'raw-body') {
    return () => twilio.validateRequest(authToken, c.signature, c.url, querystring.parse(rawBody));
  }
  if (c.ours === 'two-shapes') {
    return alternating(
      () => twilio.validateRequest(authToken, c.signature, c.url, params),
      () => twilio.validateRequest(authToken, statusSignature, c.url, statusParams),
    );
  }
  return () => twilio.validateRequest(authToken, c.signature, c.url, params);
}

/** Wraps `fn` so that a single wrong verdict during timing aborts the run. */
function checked(fn: () => boolean, expected: boolean, who: string): () => void {
  return () => {
    if (fn() !== expected) throw new Error(`${who} gave the wrong verdict during timing`);
  };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** One timed round: the wall-clock rate, and the rate per second of process CPU time. */
function timedRound(fn: () => void): { wall: number; cpu: number } {
  measureRate(fn, 150, 0); // warm-up, untimed
  gc();
  const before = process.cpuUsage();
  const rate = measureRate(fn, ROUND_MS, 0);
  const used = process.cpuUsage(before);
  return { wall: rate.perSecond, cpu: rate.ops / ((used.user + used.system) / 1e6) };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

console.log('twilio-signature: webhook verifications per second (20-field SMS webhook)');
console.log(`machine: ${formatMachine()}`);
console.log(`rounds: ${ROUNDS} x ${ROUND_MS} ms per side, interleaved; figures are medians`);
console.log(
  'wall = per second of elapsed time; cpu = per second of process CPU time (steadier on a busy machine)\n',
);

/** `BENCH_ONLY=forged` runs only the cases whose name contains that text. */
const only = process.env.BENCH_ONLY;
const rows: string[] = [];
for (const c of cases.filter((k) => only === undefined || k.name.includes(only))) {
  const ourVerdict = ours(c)();
  const sdkVerdict = sdk(c)();
  if (ourVerdict !== sdkVerdict || ourVerdict !== c.expected) {
    throw new Error(
      `verdicts differ for "${c.name}": ours ${ourVerdict}, sdk ${sdkVerdict}, expected ${c.expected}`,
    );
  }
  const oursFn = checked(ours(c), c.expected, 'ours');
  const sdkFn = checked(sdk(c), c.expected, 'sdk');
  const rounds = {
    ours: { wall: [] as number[], cpu: [] as number[] },
    sdk: { wall: [] as number[], cpu: [] as number[] },
  };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate who goes first so drift on a shared machine hits both sides alike.
    const order = round % 2 === 0 ? (['sdk', 'ours'] as const) : (['ours', 'sdk'] as const);
    for (const who of order) {
      const { wall, cpu } = timedRound(who === 'ours' ? oursFn : sdkFn);
      rounds[who].wall.push(wall);
      rounds[who].cpu.push(cpu);
    }
  }
  const wall = { ours: median(rounds.ours.wall), sdk: median(rounds.sdk.wall) };
  const cpu = { ours: median(rounds.ours.cpu), sdk: median(rounds.sdk.cpu) };
  const row = `| ${c.name} | ${fmt(wall.sdk)} | ${fmt(wall.ours)} | ${(wall.ours / wall.sdk).toFixed(2)}x | ${fmt(cpu.sdk)} | ${fmt(cpu.ours)} | ${(cpu.ours / cpu.sdk).toFixed(2)}x | ${c.expected ? 'valid' : 'invalid'} (both) |`;
  rows.push(row);
  console.log(row);
}

console.log(
  '\n| case | SDK /s wall | ours /s wall | ratio wall | SDK /s cpu | ours /s cpu | ratio cpu | verdict |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const row of rows) console.log(row);
