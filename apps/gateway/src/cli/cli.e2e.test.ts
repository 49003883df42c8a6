/**
 * End to end: the built `sms-channel` bin, run as a child process, against the sandbox (Twilio's REST API on
 * loopback) through the real twilio SDK.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPROVED_TEXT } from '@sms-channel/channel-runtime';
import { createSandbox, type Sandbox } from '@sms-channel/sandbox';
import JSON5 from 'json5';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCliBin } from './__fixtures__/build-cli-bin.js';
import { startNeverFinishingTwilio } from './__fixtures__/never-finishing-twilio.js';
import { runBin } from './__fixtures__/run-bin.js';
import { spawnBin } from './__fixtures__/spawn-bin.js';
import { staticImportsOf } from './__fixtures__/static-imports.js';
import {
  createTempConfig,
  HANDSET,
  seedPendingPairing,
  type TempConfig,
  withStore,
} from './__fixtures__/temp-config.js';

const NUMBER = '+12025550100';
const PUBLIC_URL = 'https://assistant.example.com/webhooks/sms';

describe('sms-channel (built bin, child process, sandbox as Twilio)', () => {
  let built: Awaited<ReturnType<typeof buildCliBin>>;
  let sandbox: Sandbox;
  let temp: TempConfig;

  beforeAll(async () => {
    built = await buildCliBin();
    sandbox = createSandbox({ numbers: [{ phoneNumber: NUMBER, smsUrl: PUBLIC_URL }], deliveryDelayMs: 5 });
    await sandbox.start();
  });
  afterAll(async () => {
    await sandbox?.stop();
    await built?.remove();
  });

  function configText(sms: Record<string, unknown> = {}): string {
    const config = {
      channels: {
        sms: {
          accountSid: sandbox.accountSid,
          authToken: sandbox.authToken,
          fromNumber: NUMBER,
          publicWebhookUrl: PUBLIC_URL,
          twilioApiBaseUrl: sandbox.url,
          textChunkLimit: 320,
          ...sms,
        },
      },
      gateway: { stateDir: './state' },
    };
    return JSON.stringify(config, null, 2);
  }

  beforeEach(async () => {
    sandbox.admin.reset();
    sandbox.admin.setSmsUrl(NUMBER, PUBLIC_URL);
    temp = await createTempConfig(configText());
  });
  afterEach(async () => {
    await temp.remove();
  });

  // HOME points into the temporary folder: nothing under the real ~/.sms-channel is read or written.
  const cli = (...args: string[]) => runBin(built.bin, ['--config', temp.file, ...args], { HOME: temp.dir });

  it('starts on commander alone: libraries, SQLite and the twilio SDK load only in the verb that needs them', async () => {
    const imports = await staticImportsOf(built.bin);
    expect([...imports].sort()).toEqual(['commander']);
  });

  it('never imports the sandbox, statically or lazily (gateway and sandbox only talk HTTP)', async () => {
    const importsSandbox = /(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']@sms-channel\/sandbox/;
    for (const file of await readdir(dirname(built.bin))) {
      const text = await readFile(join(dirname(built.bin), file), 'utf8');
      expect(text, file).not.toMatch(importsSandbox);
      // A devDependency would be bundled rather than imported: look for the sandbox's own code too.
      expect(text, file).not.toContain('SandboxNotStartedError');
    }
  });

  describe('message send', () => {
    it('delivers to an sms: target', async () => {
      const run = await cli(
        'message',
        'send',
        '--channel',
        'sms',
        '--target',
        `sms:${HANDSET}`,
        '--message',
        'Hello **there**',
      );
      expect(run.exitCode).toBe(0);
      expect(run.stderr).toBe('');
      const [message] = sandbox.messages.list({ to: HANDSET });
      expect(message).toMatchObject({
        from: NUMBER,
        to: HANDSET,
        body: 'Hello there',
        direction: 'outbound-api',
      });
      expect(run.stdout).toContain(message?.sid);
    });

    it('delivers a long markdown message to a twilio-sms: target as ordered, numbered parts', async () => {
      const paragraphs = Array.from(
        { length: 12 },
        (_, i) =>
          `## Step ${i + 1}\n\nDo **thing ${i + 1}** carefully, then check the result twice before moving on.`,
      );
      const run = await cli(
        'message',
        'send',
        '--target',
        `twilio-sms:${HANDSET}`,
        '--message',
        paragraphs.join('\n\n'),
        '--json',
      );
      expect(run.exitCode).toBe(0);
      const report = JSON.parse(run.stdout);
      const received = sandbox.messages.list({ to: HANDSET }).reverse();
      expect(received.length).toBeGreaterThan(1);
      expect(received.map((message) => message.sid)).toEqual(
        report.parts.map((part: { sid: string }) => part.sid),
      );
      for (const [index, message] of received.entries()) {
        expect(message.body.length).toBeLessThanOrEqual(320);
        expect(message.body.endsWith(` (${index + 1}/${received.length})`)).toBe(true);
        expect(message.body).not.toContain('**');
        expect(message.body).not.toContain('## ');
      }
      expect(received.map((message) => message.body).join(' ')).toContain('Do thing 12 carefully');
    });

    it("exits 1 with Twilio's reason when the API refuses the send", async () => {
      await writeFile(temp.file, configText({ fromNumber: '+12025550177' }));
      const run = await cli('message', 'send', '--target', `sms:${HANDSET}`, '--message', 'hi');
      expect(run.exitCode).toBe(1);
      expect(run.stderrLines).toHaveLength(1);
      expect(run.stderrLines[0]).toMatch(/^sms-channel: part 1\/1 was refused \(none sent\): .*21606/);
    });
  });

  describe('channels status --probe --json', () => {
    it('is ok against the sandbox', async () => {
      const run = await cli('channels', 'status', '--channel', 'sms', '--probe', '--json');
      expect(run.exitCode).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.ok).toBe(true);
      expect(report.accounts[0].probe.checks.map((check: { name: string }) => check.name)).toEqual([
        'credentials',
        'sender',
        'webhook-url',
        'webhook-method',
      ]);
      expect(
        report.accounts[0].probe.checks.every((check: { status: string }) => check.status === 'ok'),
      ).toBe(true);
    });

    it('reports a wrong auth token (exit 1)', async () => {
      await writeFile(temp.file, configText({ authToken: '0'.repeat(32) }));
      const run = await cli('channels', 'status', '--channel', 'sms', '--probe', '--json');
      expect(run.exitCode).toBe(1);
      const [check] = JSON.parse(run.stdout).accounts[0].probe.checks;
      expect(check).toMatchObject({ name: 'credentials', status: 'failed' });
      expect(check.detail).toContain('20003');
      expect(run.stderrLines).toEqual(['sms-channel: probe failed for account(s) default']);
    });

    it('reports a number whose sms_url differs from publicWebhookUrl (exit 1)', async () => {
      sandbox.admin.setSmsUrl(NUMBER, 'https://elsewhere.example.com/sms');
      const run = await cli('channels', 'status', '--channel', 'sms', '--probe', '--json');
      expect(run.exitCode).toBe(1);
      const checks = JSON.parse(run.stdout).accounts[0].probe.checks;
      expect(checks[2]).toEqual({
        name: 'webhook-url',
        status: 'failed',
        detail: `number ${NUMBER} posts texts to https://elsewhere.example.com/sms, not publicWebhookUrl ${PUBLIC_URL}; set its "A message comes in" webhook to ${PUBLIC_URL}`,
      });
    });

    it("reports a Messaging Service that takes the number's texts to another URL, naming the fix (exit 1)", async () => {
      const serviceSid = `MG${'5'.repeat(32)}`;
      const pooled = createSandbox({
        numbers: [{ phoneNumber: NUMBER, smsUrl: PUBLIC_URL }],
        messagingServices: [
          {
            sid: serviceSid,
            friendlyName: 'Old bot',
            phoneNumbers: [NUMBER],
            inboundRequestUrl: 'https://old-bot.example.com/sms',
          },
        ],
      });
      await pooled.start();
      try {
        await writeFile(temp.file, configText({ twilioApiBaseUrl: pooled.url }));
        const run = await cli('channels', 'status', '--probe', '--json');
        expect(run.exitCode).toBe(1);
        const checks = JSON.parse(run.stdout).accounts[0].probe.checks;
        expect(checks.map((check: { status: string }) => check.status)).toEqual(['ok', 'ok', 'failed', 'ok']);
        expect(checks[2].detail).toBe(
          `Messaging Service ${serviceSid} ("Old bot"), which receives the texts to ${NUMBER} in place of the number's own webhook, posts texts to https://old-bot.example.com/sms, not publicWebhookUrl ${PUBLIC_URL}; set the service's inbound request URL (Integration: "Send a webhook") to ${PUBLIC_URL}, or have the service defer to each number's own webhook`,
        );
      } finally {
        await pooled.stop();
      }
    });

    // The bug: the result printed at once, then the process waited out the abandoned request (16-18 s).
    it('exits on its own once the probe gave up on a Twilio that never finishes answering', async () => {
      const twilio = await startNeverFinishingTwilio();
      try {
        await writeFile(temp.file, configText({ twilioApiBaseUrl: twilio.url }));
        // runBin resolves when the process exits by itself; it kills (and fails) one that does not.
        const run = await cli('channels', 'status', '--probe', '--timeout', '1000', '--json');
        expect(run.exitCode).toBe(1);
        expect(JSON.parse(run.stdout).accounts[0].probe.checks).toEqual([
          {
            name: 'credentials',
            status: 'failed',
            detail: 'no answer from Twilio to the Account fetch within 1000 ms',
          },
        ]);
      } finally {
        await twilio.close();
      }
    });
  });

  describe('pairing list / approve', () => {
    it('lists a pending request, approves it, texts the sender, and lists nothing after', async () => {
      const { code } = await seedPendingPairing(temp.storePath);
      const listed = await cli('pairing', 'list', 'sms', '--json');
      expect(listed.exitCode).toBe(0);
      expect(JSON.parse(listed.stdout).requests).toEqual([
        expect.objectContaining({ accountId: 'default', sender: HANDSET, code }),
      ]);

      const approved = await cli('pairing', 'approve', 'sms', code.toLowerCase());
      expect(approved.exitCode).toBe(0);
      expect(approved.stdout).toContain(`Approved ${HANDSET} on account "default"`);
      expect(sandbox.messages.list({ to: HANDSET }).map((message) => message.body)).toEqual([APPROVED_TEXT]);

      const after = await cli('pairing', 'list', 'sms', '--json');
      expect(JSON.parse(after.stdout).requests).toEqual([]);
      const again = await cli('pairing', 'approve', 'sms', code);
      expect(again.exitCode).toBe(1);
    });
  });

  describe('config patch', () => {
    it('writes nothing on --dry-run, then merges the patch for real', async () => {
      const patch = join(temp.dir, 'sms.patch.json5');
      await writeFile(patch, "{ channels: { sms: { dmPolicy: 'allowlist', allowFrom: ['+12025550142'] } } }");
      const before = await temp.read();

      const dry = await cli('config', 'patch', '--file', patch, '--dry-run');
      expect(dry.exitCode).toBe(0);
      expect(dry.stdout).toContain('+ channels.sms.dmPolicy = "allowlist"');
      expect(dry.stdout).not.toContain(sandbox.authToken);
      expect(await temp.read()).toBe(before);

      const real = await cli('config', 'patch', '--file', patch);
      expect(real.exitCode).toBe(0);
      const written = JSON5.parse(await temp.read());
      expect(written.channels.sms).toMatchObject({ dmPolicy: 'allowlist', allowFrom: ['+12025550142'] });
    });
  });

  describe('gateway', () => {
    it('runs until SIGTERM, while pairing list and approve work on the same store from other processes', async () => {
      await writeFile(temp.file, configText({ publicWebhookUrl: undefined }));
      const gateway = spawnBin(built.bin, ['--config', temp.file, 'gateway', '--port', '0'], {
        HOME: temp.dir,
      });
      try {
        const listening = await gateway.waitForLine(/gateway listening on http:\/\/127\.0\.0\.1:\d+/);
        const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(listening)?.[1] ?? '';
        await gateway.waitForLine(
          /SMS webhook route: POST http:\/\/127\.0\.0\.1:\d+\/webhooks\/sms -> account default/,
        );
        sandbox.admin.setSmsUrl(NUMBER, `${url}/webhooks/sms`);

        const first = await sandbox.phones.send({ from: HANDSET, body: 'hello' });
        expect(first.webhook?.attempts[0]?.status).toBe(200);
        const codeText = await sandbox.phones.waitForMessage({
          to: HANDSET,
          body: /pairing approve sms [A-Z0-9]{8}/,
        });
        const code = /pairing approve sms ([A-Z0-9]{8})/.exec(codeText.body)?.[1] ?? '';

        const listed = await cli('pairing', 'list', 'sms', '--json');
        expect(JSON.parse(listed.stdout).requests).toEqual([
          expect.objectContaining({ sender: HANDSET, code }),
        ]);
        const approved = await cli('pairing', 'approve', 'sms', code);
        expect(approved.exitCode).toBe(0);
        await sandbox.phones.waitForMessage({ to: HANDSET, body: APPROVED_TEXT });

        await sandbox.phones.send({ from: HANDSET, body: 'ping' });
        await sandbox.phones.waitForMessage({ to: HANDSET, body: /You said: ping/ });
      } finally {
        gateway.child.kill('SIGTERM');
      }
      expect(await gateway.exited).toEqual({ code: 0, signal: null });
      expect(gateway.stderr()).toContain('sms-channel: SIGTERM received, stopping the gateway');
    });

    it('exits 1 with one line when its port is taken', async () => {
      const blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const { port } = blocker.address() as { port: number };
      try {
        const run = await cli('gateway', '--port', String(port));
        expect(run.exitCode).toBe(1);
        expect(run.stderrLines).toEqual([expect.stringMatching(/^sms-channel: .*EADDRINUSE/)]);
      } finally {
        blocker.close();
      }
    });
  });

  describe('queue and pairing commands while the gateway runs', () => {
    /** Writes the config (sms keys and other sections), starts the gateway, points the number at it. */
    async function startGatewayProcess(sms: Record<string, unknown>, sections: Record<string, unknown> = {}) {
      const config = { ...JSON.parse(configText({ publicWebhookUrl: undefined, ...sms })), ...sections };
      await writeFile(temp.file, JSON.stringify(config, null, 2));
      const gateway = spawnBin(built.bin, ['--config', temp.file, 'gateway', '--port', '0'], {
        HOME: temp.dir,
      });
      const listening = await gateway.waitForLine(/gateway listening on http:\/\/127\.0\.0\.1:\d+/);
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(listening)?.[1] ?? '';
      sandbox.admin.setSmsUrl(NUMBER, `${url}/webhooks/sms`);
      return gateway;
    }
    const open = { dmPolicy: 'open', allowFrom: ['*'] };

    it('queue retry hands a dead letter back to the running gateway, whose assistant answers it this time', async () => {
      const assistant = join(temp.dir, 'assistant.sh');
      const gateway = await startGatewayProcess(open, { agent: { kind: 'command', command: assistant } });
      try {
        // No such program yet: the turn fails for good, the message is dead-lettered and the texter told so.
        const { message } = await sandbox.phones.send({ from: HANDSET, body: 'hello' });
        await sandbox.phones.waitForMessage({ to: HANDSET, body: /^Sorry, something went wrong/ });
        const dead = JSON.parse((await cli('queue', 'list', '--dead', '--json')).stdout);
        expect(dead.messages).toEqual([
          expect.objectContaining({ messageSid: message.sid, from: HANDSET, body: 'hello' }),
        ]);

        await writeFile(assistant, '#!/bin/sh\nread line\necho "fixed: $line"\n', { mode: 0o755 });
        const retried = await cli('queue', 'retry', message.sid);
        expect(retried.exitCode).toBe(0);
        expect(retried.stdout).toContain(`Requeued ${message.sid} from ${HANDSET} on account "default"`);
        await sandbox.phones.waitForMessage({ to: HANDSET, body: 'fixed: hello' });
        expect(JSON.parse((await cli('queue', 'list', '--dead', '--json')).stdout).messages).toEqual([]);
      } finally {
        gateway.child.kill('SIGTERM');
      }
      expect(await gateway.exited).toEqual({ code: 0, signal: null });
    });

    it("pairing revoke takes effect on the running gateway: the sender's next text gets a new pairing code", async () => {
      await withStore(temp.storePath, (store) => store.pairing.addApproved('default', HANDSET));
      const gateway = await startGatewayProcess({});
      try {
        await sandbox.phones.send({ from: HANDSET, body: 'ping' });
        await sandbox.phones.waitForMessage({ to: HANDSET, body: 'You said: ping' });
        const allowed = JSON.parse((await cli('pairing', 'allowed', 'sms', '--json')).stdout).allowed;
        expect(allowed).toEqual([
          { accountId: 'default', sender: HANDSET, source: 'pairing', inEffect: true },
        ]);

        const revoked = await cli('pairing', 'revoke', 'sms', HANDSET);
        expect(revoked.exitCode).toBe(0);
        await sandbox.phones.send({ from: HANDSET, body: 'still there?' });
        await sandbox.phones.waitForMessage({ to: HANDSET, body: /pairing approve sms [A-Z0-9]{8}/ });
        expect(sandbox.messages.list({ to: HANDSET }).map((m) => m.body)).not.toContain(
          'You said: still there?',
        );
      } finally {
        gateway.child.kill('SIGTERM');
      }
      expect(await gateway.exited).toEqual({ code: 0, signal: null });
    });

    it('exits 130 at once on a second SIGTERM while it waits for a turn in progress to finish', async () => {
      const agentStarted = createServer();
      let agentSocket: Socket | undefined;
      const connected = new Promise<void>((resolve) =>
        agentStarted.once('connection', (socket) => {
          agentSocket = socket;
          resolve();
        }),
      );
      await new Promise<void>((resolve) => agentStarted.listen(0, '127.0.0.1', resolve));
      const { port } = agentStarted.address() as { port: number };
      const hangAgent = fileURLToPath(new URL('./__fixtures__/hang-agent.mjs', import.meta.url));
      const gateway = await startGatewayProcess(open, {
        agent: {
          kind: 'command',
          command: process.execPath,
          args: [hangAgent, String(port)],
          timeoutMs: 900_000,
        },
        gateway: { stateDir: './state', shutdownGraceMs: 300_000 },
      });
      try {
        await sandbox.phones.send({ from: HANDSET, body: 'take your time' });
        await connected;
        gateway.child.kill('SIGTERM');
        await gateway.waitForStderr(/SIGTERM received, stopping the gateway/);
        gateway.child.kill('SIGTERM');
        expect(await gateway.exited).toEqual({ code: 130, signal: null });
      } finally {
        gateway.child.kill('SIGKILL');
        // Closing our end of its connection ends the hanging agent.
        agentSocket?.destroy();
        await new Promise<void>((resolve) => agentStarted.close(() => resolve()));
      }
    });
  });

  describe('exit codes for bad usage and bad input', () => {
    it('exits 2 for a bad target', async () => {
      const run = await cli('message', 'send', '--target', 'sms:+1-555-ABC-1234', '--message', 'hi');
      expect(run.exitCode).toBe(2);
      expect(run.stderrLines).toEqual([
        expect.stringMatching(/^sms-channel: Invalid SMS target "sms:\+1-555-ABC-1234": /),
      ]);
      expect(sandbox.messages.list()).toEqual([]);
    });

    it('exits 2 for an unknown channel, naming the supported one', async () => {
      const run = await cli(
        'message',
        'send',
        '--channel',
        'whatsapp',
        '--target',
        `sms:${HANDSET}`,
        '--message',
        'hi',
      );
      expect(run.exitCode).toBe(2);
      expect(run.stderrLines).toEqual([
        'sms-channel: unknown channel "whatsapp": the only channel supported here is "sms"',
      ]);
    });

    it('exits 2 without --target', async () => {
      const run = await cli('message', 'send', '--message', 'hi');
      expect(run.exitCode).toBe(2);
      expect(run.stderrLines).toEqual(["sms-channel: required option '--target <target>' not specified"]);
    });

    it('exits 2 for a malformed config file, naming file:line:column', async () => {
      await writeFile(temp.file, '{\n  channels: {\n    sms: { accountSid: AC123 }\n  }\n}\n');
      const run = await cli('channels', 'status');
      expect(run.exitCode).toBe(2);
      expect(run.stderrLines).toEqual([
        expect.stringMatching(new RegExp(`^sms-channel: ${temp.file}:3:\\d+: `)),
      ]);
    });

    it('exits 2 for an unknown command and 0 for --help', async () => {
      expect((await cli('pairing', 'forget', 'sms')).exitCode).toBe(2);
      const help = await cli('--help');
      expect(help.exitCode).toBe(0);
      expect(help.stdout).toContain('Usage: sms-channel');
    });
  });
});
