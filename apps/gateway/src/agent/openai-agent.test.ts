import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentTurn } from '@sms-channel/channel-runtime';
import { openStore, type SqliteGatewayStore } from '@sms-channel/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentConfigError, AgentHttpError, AgentTimeoutError } from './agent-error.js';
import { createOpenAiAgent, type OpenAiAgentOptions } from './openai-agent.js';

type Handler = (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let store: SqliteGatewayStore;
const requests: { body: Record<string, unknown>; auth: string | undefined }[] = [];
let handlers: Handler[] = [];

const answer =
  (content: string): Handler =>
  (_body, _req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
  };
const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_body, _req, res) => {
    res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify({ error: { message: `failure ${code}` } }));
  };

beforeEach(async () => {
  requests.length = 0;
  handlers = [];
  store = await openStore(':memory:');
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      requests.push({ body, auth: req.headers.authorization });
      const handler = handlers.shift() ?? answer('default');
      handler(body, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

const turn = (text: string): AgentTurn => ({
  accountId: 'default',
  sender: '+12025550142',
  to: '+12025550100',
  text,
  messageSid: 'SM1',
  media: [],
  deliver: async () => ({ parts: [] }),
});

const agent = (overrides: Partial<OpenAiAgentOptions> = {}) =>
  createOpenAiAgent({
    baseUrl,
    model: 'test-model',
    apiKey: 'sk-test',
    systemPrompt: 'Be brief.',
    historyTurns: 10,
    timeoutMs: 5000,
    history: store,
    sleep: async () => {},
    ...overrides,
  });

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function mediaTurn(text: string): Promise<AgentTurn> {
  const dir = await mkdtemp(join(tmpdir(), 'openai-media-'));
  const photo = join(dir, '0-ME1.png');
  const card = join(dir, '1-ME2.vcf');
  await writeFile(photo, PNG);
  await writeFile(card, 'BEGIN:VCARD\nEND:VCARD\n');
  return {
    ...turn(text),
    media: [
      { url: 'https://api.twilio.com/x/ME1', path: photo, contentType: 'image/png', size: PNG.length },
      { url: 'https://api.twilio.com/x/ME2', path: card, contentType: 'text/vcard', size: 2048 },
    ],
  };
}

describe('createOpenAiAgent', () => {
  it('sends a picture as an image content part and other media as a description', async () => {
    handlers.push(answer('a cat'));
    await agent({ systemPrompt: undefined }).reply(await mediaTurn('what is this?'));
    expect(requests[0]?.body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what is this?' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG.toString('base64')}` } },
          { type: 'text', text: '[attachment: text/vcard, 2 KB]' },
        ],
      },
    ]);
  });

  it('keeps the history of a media turn as text, without the bytes', async () => {
    handlers.push(answer('a cat'));
    await agent().reply(await mediaTurn(''));
    const [user] = await store.listConversationTurns('default', '+12025550142');
    expect(user?.content).toBe('[attachment: image/png, 8 bytes]\n[attachment: text/vcard, 2 KB]');
  });

  it('sends the markdown images of the answer as MMS media, out of the text', async () => {
    handlers.push(answer('Here:\n\n![a cat](https://images.example/cat.png)\n\nCute.'));
    expect(await agent().reply(turn('cat please'))).toEqual({
      text: 'Here:\n\nCute.',
      media: [{ url: 'https://images.example/cat.png' }],
    });
  });

  it('posts the model, system prompt and message with a Bearer key and returns the content', async () => {
    handlers.push(answer('Hi! **Sure.**'));
    expect(await agent({ maxTokens: 200 }).reply(turn('hello'))).toEqual({ text: 'Hi! **Sure.**' });
    expect(requests[0]).toEqual({
      auth: 'Bearer sk-test',
      body: {
        model: 'test-model',
        max_tokens: 200,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hello' },
        ],
      },
    });
  });

  it("sends the sender's earlier turns from the store and stores both sides", async () => {
    handlers.push(answer('first answer'), answer('second answer'));
    await agent().reply(turn('first'));
    await agent().reply(turn('second'));
    expect(requests[1]?.body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'first answer' },
      { role: 'user', content: 'second' },
    ]);
    expect(await store.listConversationTurns('default', '+12025550142')).toHaveLength(4);
  });

  it('keeps only the last historyTurns messages', async () => {
    for (let i = 0; i < 3; i += 1) handlers.push(answer(`a${i}`));
    const limited = agent({ historyTurns: 2, systemPrompt: undefined });
    for (const text of ['one', 'two', 'three']) await limited.reply(turn(text));
    expect(requests[2]?.body.messages).toEqual([
      { role: 'user', content: 'two' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'three' },
    ]);
  });

  it('retries a 429 and a 503, then answers', async () => {
    handlers.push(status(429, { 'Retry-After': '1' }), status(503), answer('ok'));
    expect(await agent().reply(turn('x'))).toEqual({ text: 'ok' });
    expect(requests).toHaveLength(3);
  });

  it('gives up after maxAttempts with a transient error', async () => {
    handlers.push(status(500), status(500));
    const error = await agent({ maxAttempts: 2 })
      .reply(turn('x'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentHttpError);
    expect(error).toMatchObject({ status: 500, transient: true });
  });

  // Regression: the wait between attempts ignored the turn's signal, so a shutdown waited out a Retry-After.
  it('stops waiting between attempts when the turn is abandoned (shutdown)', async () => {
    const controller = new AbortController();
    // Abandoned once the model has been asked (an event, not a guess at how long that takes): the agent is then
    // reading the 503 or already waiting out its 30 s Retry-After; either way it must end now, retryable.
    handlers.push((body, req, res) => {
      status(503, { 'Retry-After': '30' })(body, req, res);
      controller.abort();
    });
    const pending = agent({ sleep: undefined })
      .reply({ ...turn('x'), signal: controller.signal })
      .catch((e: unknown) => e);
    expect(await pending).toMatchObject({ transient: true });
    expect(requests).toHaveLength(1);
  });

  it('says to check the key on 401, as a final error', async () => {
    handlers.push(status(401));
    const error = await agent()
      .reply(turn('x'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentConfigError);
    expect((error as Error).message).toMatch(/HTTP 401: failure 401; check agent\.apiKey/);
  });

  it('says to check the base URL and model on 404', async () => {
    handlers.push(status(404));
    const error = await agent()
      .reply(turn('x'))
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('check agent.baseUrl and agent.model ("test-model")');
  });

  it('times out a slow endpoint with a transient error', async () => {
    handlers.push(
      () => {},
      () => {},
    );
    const error = await agent({ timeoutMs: 100, maxAttempts: 2 })
      .reply(turn('x'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentTimeoutError);
  });

  // Issue 18: this test used to swallow the error, so it passed even when the turn did not fail at all.
  it('stores nothing when the turn fails', async () => {
    handlers.push(status(400));
    const error = await agent()
      .reply(turn('x'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentHttpError);
    expect(error).toMatchObject({ status: 400, transient: false });
    expect(await store.listConversationTurns('default', '+12025550142')).toEqual([]);
  });
});
