import { fileURLToPath } from 'node:url';
import type { AgentTurn } from '@sms-channel/channel-runtime';
import { describe, expect, it } from 'vitest';
import { AgentCommandError, AgentConfigError, AgentTimeoutError } from './agent-error.js';
import { createCommandAgent } from './command-agent.js';

const SCRIPT = fileURLToPath(new URL('./__fixtures__/agents.mjs', import.meta.url));
const turn: AgentTurn = {
  accountId: 'default',
  sender: '+12025550142',
  to: '+12025550100',
  text: 'hello there',
  messageSid: `SM${'1'.repeat(32)}`,
  media: [],
  deliver: async () => ({ parts: [] }),
};
const PHOTO = {
  url: 'https://api.twilio.com/x/ME1',
  path: '/state/media/0-ME1.png',
  contentType: 'image/png',
  size: 68,
};
const node = (mode: string, extra: Partial<Parameters<typeof createCommandAgent>[0]> = {}) =>
  createCommandAgent({ command: process.execPath, args: [SCRIPT, mode], timeoutMs: 10_000, ...extra });

describe('createCommandAgent', () => {
  it('gives the message on stdin and returns stdout as the reply', async () => {
    expect(await node('upper').reply(turn)).toEqual({ text: '**HELLO THERE**' });
  });

  it('passes the turn metadata and configured env vars in the environment', async () => {
    const reply = await node('env', { env: { EXTRA: 'yes' } }).reply(turn);
    expect(JSON.parse(reply.text)).toEqual({
      from: '+12025550142',
      to: '+12025550100',
      account: 'default',
      sid: turn.messageSid,
      extra: 'yes',
    });
  });

  it('treats empty stdout as no reply', async () => {
    expect(await node('silent').reply(turn)).toEqual({ text: '' });
  });

  it('fails with the exit status and the tail of stderr on a non-zero exit, as a transient error', async () => {
    const error = await node('fail')
      .reply(turn)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentCommandError);
    expect(error).toMatchObject({ exitCode: 3, transient: true });
    expect((error as Error).message).toContain('model crashed: out of memory');
  });

  it('kills the process group on timeout', async () => {
    const agent = createCommandAgent({ command: 'sh', args: ['-c', 'sleep 30 & sleep 30'], timeoutMs: 200 });
    const started = Date.now();
    const error = await agent.reply(turn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentTimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports a program that does not exist as a configuration error (final)', async () => {
    const agent = createCommandAgent({ command: 'no-such-program-sms', args: [], timeoutMs: 1000 });
    const error = await agent.reply(turn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentConfigError);
    expect(error).toMatchObject({ transient: false });
    expect((error as Error).message).toContain('was not found');
  });

  it('stops the command when the turn is abandoned', async () => {
    const controller = new AbortController();
    const agent = createCommandAgent({ command: 'sleep', args: ['30'], timeoutMs: 60_000 });
    const pending = agent.reply({ ...turn, signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 100);
    expect(await pending).toMatchObject({ code: 'AGENT_ABORTED', transient: true });
  });

  it('gives the media file paths, types and JSON in the environment', async () => {
    const reply = await node('media-env').reply({ ...turn, text: '', media: [PHOTO] });
    expect(JSON.parse(reply.text)).toEqual({
      count: '1',
      files: PHOTO.path,
      types: 'image/png',
      json: [{ path: PHOTO.path, contentType: 'image/png', size: 68, url: PHOTO.url }],
    });
  });

  it('speaks JSON both ways with protocol "json": the turn with its media in, text and media out', async () => {
    const reply = await node('json-echo', { protocol: 'json' }).reply({
      ...turn,
      text: 'look',
      media: [PHOTO],
    });
    expect(reply).toEqual({ text: 'got 1 from +12025550142: look', media: [{ path: PHOTO.path }] });
  });

  it('refuses a JSON reply with a relative media path, as a final error naming the field', async () => {
    const error = await node('json-bad', { protocol: 'json' })
      .reply(turn)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AgentConfigError);
    expect((error as Error).message).toMatch(/bad reply at media\.0\.path/);
  });
});
