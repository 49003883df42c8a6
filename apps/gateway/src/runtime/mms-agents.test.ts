import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIO_PICTURE } from '@sms-channel/channel-runtime/testing';
import { createSandbox, type Sandbox } from '@sms-channel/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, writeGatewayConfig } from './__fixtures__/gateway-setup.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

/**
 * MMS through the standalone gateway with its own agents (not a test agent): the sandbox as Twilio, the
 * `command` agent speaking JSON, the `openai` agent against a small chat-completions stand-in.
 */
const HANDSET = '+12025550142';
const MMS_AGENT = fileURLToPath(new URL('../agent/__fixtures__/mms-agent.mjs', import.meta.url));

let sandbox: Sandbox;
let gateway: RunningGateway | undefined;
let dir: string | undefined;
beforeAll(async () => {
  sandbox = createSandbox({ deliveryDelayMs: 5 });
  await sandbox.start();
});
afterAll(() => sandbox.stop());
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

async function start(agent: unknown): Promise<void> {
  sandbox.admin.reset();
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'sms-mms-'));
  const { file } = writeGatewayConfig(sandbox, port, {
    agent,
    dir,
    sms: { dmPolicy: 'allowlist', allowFrom: [HANDSET] },
  });
  sandbox.admin.setSmsUrl('+12025550100', `http://127.0.0.1:${port}/webhooks/sms`);
  gateway = await startGateway({ configPath: file, env: {}, pollIntervalMs: 50 });
}

/** A chat-completions stand-in that records requests, answers `content`, and serves the picture at /cat.png. */
async function startModel(
  content: (origin: string) => string,
): Promise<{ origin: string; bodies: string[]; server: Server }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/cat.png') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(SCENARIO_PICTURE);
      return;
    }
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      bodies.push(body);
      const answer = { choices: [{ message: { role: 'assistant', content: content(origin) } }] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, bodies, server };
}

describe('MMS with the gateway agents', () => {
  it('gives the command agent the photo as a file and sends the file it returns as an MMS', async () => {
    await start({ kind: 'command', command: process.execPath, args: [MMS_AGENT], protocol: 'json' });
    await sandbox.phones.send({
      from: HANDSET,
      body: '',
      media: [{ data: SCENARIO_PICTURE, filename: 'cat.png' }],
    });
    const reply = await sandbox.phones.waitForMessage({
      to: HANDSET,
      body: `got 1 (image/png) from ${HANDSET}`,
      status: 'delivered',
    });
    expect(reply.media.map(({ contentType, size }) => ({ contentType, size }))).toEqual([
      { contentType: 'image/png', size: SCENARIO_PICTURE.length },
    ]);
  });

  it('shows the openai agent the photo as an image and sends the image of its answer as an MMS', async () => {
    const model = await startModel((origin) => `A cat.\n\n![the same cat](${origin}/cat.png)`);
    try {
      await start({ kind: 'openai', baseUrl: `${model.origin}/v1`, model: 'vision-model', historyTurns: 0 });
      await sandbox.phones.send({
        from: HANDSET,
        body: 'what is this?',
        media: [{ data: SCENARIO_PICTURE }],
      });
      const reply = await sandbox.phones.waitForMessage({ to: HANDSET, body: 'A cat.', status: 'delivered' });
      expect(reply.mediaUrls).toEqual([`${model.origin}/cat.png`]);
      expect(reply.media).toHaveLength(1);
      const sent = JSON.parse(model.bodies[0] ?? '{}') as { messages: { content: unknown }[] };
      expect(sent.messages.at(-1)?.content).toEqual([
        { type: 'text', text: 'what is this?' },
        {
          type: 'image_url',
          image_url: { url: `data:image/png;base64,${SCENARIO_PICTURE.toString('base64')}` },
        },
      ]);
    } finally {
      model.server.closeAllConnections();
      await new Promise((resolve) => model.server.close(resolve));
    }
  });
});
