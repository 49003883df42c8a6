/**
 * End to end: `sms-channel gateway` (the built bin) as a child process, the sandbox as Twilio (in this process), the real twilio SDK in
 * between, real HTTP on loopback. Each handset is its own sender, so the scenarios share one gateway.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSandbox, type Sandbox, type SandboxMessage } from '@sms-channel/sandbox';
import { openStore } from '@sms-channel/store';
import { computeSignature } from '@sms-channel/twilio-signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliBin } from '../cli/__fixtures__/build-cli-bin.js';
import { runBin } from '../cli/__fixtures__/run-bin.js';
import { freePort } from '../runtime/__fixtures__/gateway-setup.js';
import { NUMBER, writeE2eConfig } from './__fixtures__/e2e-config.js';
import {
  type GatewayProcess,
  startGatewayProcess,
  stopGatewayProcess,
} from './__fixtures__/gateway-process.js';

const PAIRING_HANDSET = '+12025550142';
const ALLOWED = [
  '+12025550143',
  '+12025550144',
  '+12025550145',
  '+12025550146',
  '+12025550147',
  '+12025550148',
  '+12025550150',
];
const [LONG, REPLAY, DUPLICATE, KILL, LIMITED, STATUS, KILL_MIDWAY] = ALLOWED as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];
const STRANGER = '+12025550149';

let sandbox: Sandbox;
let gateway: GatewayProcess | undefined;
let config: ReturnType<typeof writeE2eConfig>;
let webhookUrl: string;
let built: Awaited<ReturnType<typeof buildCliBin>>;

beforeAll(async () => {
  const port = await freePort();
  webhookUrl = `http://127.0.0.1:${port}/webhooks/sms`;
  sandbox = createSandbox({ numbers: [{ phoneNumber: NUMBER, smsUrl: webhookUrl }], deliveryDelayMs: 20 });
  await sandbox.start();
  config = writeE2eConfig(sandbox, port, { allowFrom: ALLOWED });
  built = await buildCliBin();
  gateway = await startGatewayProcess(built.bin, config.file);
});

afterAll(async () => {
  await stopGatewayProcess(gateway);
  await sandbox?.stop();
  await built?.remove();
  if (config) await rm(config.dir, { recursive: true, force: true });
});

const outboundTo = (handset: string): SandboxMessage[] =>
  sandbox.messages
    .list({ to: handset })
    .filter((message) => message.direction === 'outbound-api')
    .reverse();

const handled = (sid: string) => (line: Record<string, unknown>) =>
  line.msg === 'message handled' && line.messageSid === sid;

async function withStore<T>(use: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(join(config.stateDir, 'store.db'));
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

describe('gateway end to end (child process, sandbox as Twilio)', () => {
  it('pairs a first-time sender by SMS, then answers once the owner approves the code', async () => {
    const first = await sandbox.phones.send({ from: PAIRING_HANDSET, body: 'hi' });
    expect(first.webhook?.attempts[0]?.status).toBe(200);
    const pairing = await sandbox.phones.waitForMessage({
      to: PAIRING_HANDSET,
      body: /pairing approve sms/,
      status: 'delivered',
    });
    const code = /approve sms ([2-9A-Z]{8})/.exec(pairing.body)?.[1];
    expect(code).toBeDefined();
    const approve = await runBin(built.bin, [
      'pairing',
      'approve',
      'sms',
      code ?? '',
      '--config',
      config.file,
    ]);
    expect(approve.exitCode).toBe(0);
    await sandbox.phones.send({ from: PAIRING_HANDSET, body: 'hello again' });
    await sandbox.phones.waitForMessage({
      to: PAIRING_HANDSET,
      body: 'You said: hello again',
      status: 'delivered',
    });
    const bodies = outboundTo(PAIRING_HANDSET).map((message) => message.body);
    expect(bodies[0]).toBe(pairing.body);
    expect(bodies.at(-1)).toBe('You said: hello again');
    expect(bodies.filter((body) => /pairing approve sms/.test(body))).toHaveLength(1);
  });

  it('delivers a 3,000-character markdown reply as ordered, numbered parts within the limit', async () => {
    const { message } = await sandbox.phones.send({ from: LONG, body: 'long' });
    await gateway?.waitForLog(handled(message.sid));
    const parts = outboundTo(LONG).map((part) => part.body);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    parts.forEach((body, i) => {
      expect(body.length).toBeLessThanOrEqual(1500);
      expect(body.endsWith(` (${i + 1}/${parts.length})`)).toBe(true);
    });
    expect(parts.join('')).not.toMatch(/\*\*|\]\(/);
    expect(parts[0]).toMatch(/^Trip plan/);
  });

  it('answers a replayed webhook (same MessageSid) 200 without a second reply', async () => {
    const { message } = await sandbox.phones.send({ from: REPLAY, body: 'once' });
    await gateway?.waitForLog(handled(message.sid));
    const attempt = sandbox.admin
      .webhookAttempts()
      .find((a) => a.messageSid === message.sid && a.kind === 'inbound');
    const replay = await fetch(webhookUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': attempt?.signature ?? '',
      },
      body: new URLSearchParams(attempt?.params).toString(),
    });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('x-sms-channel-reason')).toBe('duplicate');
    // One sender's messages are handled in order: once the next text is answered, a second turn for the
    // replay would have been answered before it.
    await sandbox.phones.send({ from: REPLAY, body: 'next' });
    await sandbox.phones.waitForMessage({ to: REPLAY, body: 'You said: next' });
    expect(outboundTo(REPLAY).map((m) => m.body)).toEqual(['You said: once', 'You said: next']);
  });

  it('sends one reply when the sandbox delivers the webhook twice at once', async () => {
    sandbox.admin.addFault({ route: 'webhook.inbound', kind: 'duplicate', times: 1 });
    const { message } = await sandbox.phones.send({ from: DUPLICATE, body: 'twice' });
    await gateway?.waitForLog(handled(message.sid));
    const attempts = sandbox.admin.webhookAttempts().filter((a) => a.messageSid === message.sid);
    expect(attempts.map((a) => a.status)).toEqual([200, 200]);
    await sandbox.phones.send({ from: DUPLICATE, body: 'next' });
    await sandbox.phones.waitForMessage({ to: DUPLICATE, body: 'You said: next' });
    expect(outboundTo(DUPLICATE).map((m) => m.body)).toEqual(['You said: twice', 'You said: next']);
  });

  it('answers bad requests with their status, in TwiML', async () => {
    const form = {
      MessageSid: `SM${'e'.repeat(32)}`,
      AccountSid: sandbox.accountSid,
      From: STRANGER,
      To: NUMBER,
      Body: 'x',
    };
    const post = (params: Record<string, string>, token: string, extra: Record<string, string> = {}) =>
      fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': computeSignature(token, webhookUrl, params),
          ...extra,
        },
        body: new URLSearchParams(params).toString(),
      });
    const badSignature = await post(form, '0'.repeat(32));
    const otherAccount = { ...form, AccountSid: `AC${'1'.repeat(32)}` };
    const wrongAccount = await post(otherAccount, sandbox.authToken);
    const oversized = await post({ ...form, Body: 'x'.repeat(40_000) }, sandbox.authToken);
    const wrongMethod = await fetch(webhookUrl);
    expect([badSignature.status, wrongAccount.status, oversized.status, wrongMethod.status]).toEqual([
      403, 403, 413, 405,
    ]);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    for (const response of [badSignature, wrongAccount, oversized, wrongMethod]) {
      expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(await response.text()).toMatch(/^<\?xml .*<Response>.*<\/Response>$/);
    }
    expect(outboundTo(STRANGER)).toEqual([]);
  });

  it('delivers the reply exactly once when the gateway is SIGKILLed between acknowledging and replying', async () => {
    const { message, webhook } = await sandbox.phones.send({ from: KILL, body: 'hang-once then answer' });
    expect(webhook?.attempts[0]?.status).toBe(200);
    // Killed on an event, not after a guess: the marker says the turn is inside the agent right now.
    while (!existsSync(config.hangMarkerFile)) await new Promise((resolve) => setTimeout(resolve, 20));
    gateway?.child.kill('SIGKILL');
    await gateway?.exited;
    expect(outboundTo(KILL)).toEqual([]);
    gateway = await startGatewayProcess(built.bin, config.file);
    await gateway.waitForLog(handled(message.sid), 30_000);
    await sandbox.phones.waitForMessage({ to: KILL, body: /^You said: hang-once/, status: 'delivered' });
    expect(outboundTo(KILL)).toHaveLength(1);
  });

  // Regression: the restarted gateway used to ask the agent again, so the handset got part 1 of one reply and
  // the rest of another (and the agent ran twice). The reply is now saved before its first part is sent.
  it('sends every part of ONE reply exactly once when SIGKILLed between two of its parts', async () => {
    let firstPart: SandboxMessage | undefined;
    const unsubscribe = sandbox.subscribe((event) => {
      if (event.type !== 'message.created' || event.message.to !== KILL_MIDWAY || firstPart !== undefined)
        return;
      firstPart = event.message;
      // Twilio accepted part 1 (this runs before the sandbox answers). Part 2's request will wait 60 s in the
      // sandbox and then lose its connection without creating a message: the kill lands in that wait.
      sandbox.admin.addFault({ route: 'messages.create', kind: 'latency', ms: 60_000, times: 1 });
      sandbox.admin.addFault({ route: 'messages.create', kind: 'drop', times: 1 });
    });
    try {
      const { message } = await sandbox.phones.send({ from: KILL_MIDWAY, body: 'counted' });
      await sandbox.phones.waitForMessage({ to: KILL_MIDWAY, timeoutMs: 20_000 });
      // Killed once the gateway has logged part 1 (so it is in the middle of part 2), read from its store.
      while ((await withStore((store) => store.listOutboundParts('default', message.sid))).length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      gateway?.child.kill('SIGKILL');
      await gateway?.exited;
      expect(outboundTo(KILL_MIDWAY)).toHaveLength(1);
      gateway = await startGatewayProcess(built.bin, config.file);
      const line = await gateway.waitForLog(handled(message.sid), 30_000);
      expect(line).toMatchObject({ result: 'replied', fromSavedDraft: true });
      const bodies = outboundTo(KILL_MIDWAY).map((part) => part.body);
      const n = bodies.length;
      expect(n).toBeGreaterThanOrEqual(2);
      expect(bodies[0]).toBe(firstPart?.body);
      bodies.forEach((body, i) => {
        expect(body.endsWith(` (${i + 1}/${n})`)).toBe(true);
      });
      expect(bodies[0]).toMatch(/^Reply number 1\b/);
      expect(bodies[n - 1]).toMatch(/End of reply number 1\./);
      expect(bodies.join('\n')).not.toMatch(/number 2/);
      expect(await readFile(config.agentRunsFile, 'utf8')).toBe('1');
    } finally {
      unsubscribe();
    }
  });

  it('answers neither a reply nor a pairing code to STOP', async () => {
    const { message } = await sandbox.phones.send({ from: STRANGER, body: 'STOP' });
    const line = await gateway?.waitForLog(handled(message.sid));
    expect(line?.result).toBe('opt-out');
    expect(outboundTo(STRANGER)).toEqual([]);
    expect(sandbox.phones.isOptedOut(STRANGER)).toBe(true);
  });

  it("retries Twilio's 429 after its Retry-After and delivers once", async () => {
    sandbox.admin.addFault({
      route: 'messages.create',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    const { message } = await sandbox.phones.send({ from: LIMITED, body: 'busy' });
    await gateway?.waitForLog(handled(message.sid));
    const retry = await gateway?.waitForLog(
      (line) => line.msg === 'twilio send retry' && line.to === LIMITED,
    );
    expect(retry).toMatchObject({ twilioCode: 20429, retryAfterMs: 1000 });
    expect(Number(retry?.delayMs)).toBeGreaterThanOrEqual(1000);
    await sandbox.phones.waitForMessage({ to: LIMITED, body: 'You said: busy', status: 'delivered' });
    expect(outboundTo(LIMITED)).toHaveLength(1);
  });

  it('records delivery status callbacks forward only, even out of order', async () => {
    sandbox.admin.addFault({ route: 'webhook.status', kind: 'out-of-order', times: 1 });
    const { message } = await sandbox.phones.send({ from: STATUS, body: 'track me' });
    await gateway?.waitForLog(handled(message.sid));
    const reply = await sandbox.phones.waitForMessage({ to: STATUS, status: 'delivered' });
    const callbacks = async () =>
      sandbox.admin.webhookAttempts().filter((a) => a.kind === 'status' && a.messageSid === reply.sid);
    for (let i = 0; i < 100 && (await callbacks()).length < 3; i += 1)
      await new Promise((r) => setTimeout(r, 50));
    const seen = (await callbacks()).map((a) => a.params.MessageStatus);
    // The fault fired: the sandbox sent this message's callbacks newest first.
    expect(seen).toHaveLength(3);
    expect(seen[0]).toBe('delivered');
    expect((await callbacks()).every((a) => a.status === 200)).toBe(true);
    const delivery = await withStore((store) => store.getDelivery('default', reply.sid));
    expect(delivery?.status).toBe('delivered');
  });
});
