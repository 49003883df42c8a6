import type { AgentTurn, SentReply } from '@sms-channel/channel-runtime';
import { silentLogger } from '@sms-channel/channel-runtime';
import { resolveSmsAccount } from '@sms-channel/config';
import { twilioErrorFromResponse } from '@sms-channel/twilio-messaging';
import { describe, expect, it } from 'vitest';
import { createFakeChannelRuntime, createFakeHostPairing } from './__fixtures__/fake-host.js';
import { createHostTurnAgent, SMS_DM_SCOPE } from './host-turn-agent.js';
import type { HostReplyPayload } from './host-types.js';

const PHOTO = {
  url: 'https://api.twilio.com/x/ME1',
  path: '/state/media/0-ME1.png',
  contentType: 'image/png',
  size: 68,
};

const HANDSET = '+12025550142';
const account = resolveSmsAccount(
  {
    channels: {
      sms: { accountSid: `AC${'1'.repeat(32)}`, authToken: '2'.repeat(32), fromNumber: '+12025550100' },
    },
  },
  undefined,
  {},
);

/** A turn as the runtime gives it, whose `deliver` records each reply (or fails with `fail`). */
function turnOf(text: string, fail?: Error, media: AgentTurn['media'] = []) {
  const delivered: string[] = [];
  const deliveredMedia: unknown[] = [];
  const turn: AgentTurn = {
    accountId: 'default',
    sender: HANDSET,
    to: '+12025550100',
    messageSid: 'SM1',
    media,
    text,
    deliver: async (reply): Promise<SentReply> => {
      if (fail !== undefined) throw fail;
      delivered.push(reply.text);
      deliveredMedia.push(...(reply.media ?? []));
      return { parts: [{ index: 0, body: reply.text, sid: `SM-out-${delivered.length}`, sentNow: true }] };
    },
  };
  return { turn, delivered, deliveredMedia };
}

function agentWith(reply: (text: string) => string | HostReplyPayload | undefined) {
  const runtime = createFakeChannelRuntime(createFakeHostPairing(), reply);
  const agent = createHostTurnAgent({
    channelRuntime: runtime,
    config: () => ({ agents: {} }),
    account,
    logger: silentLogger,
  });
  return { runtime, agent };
}

describe('createHostTurnAgent', () => {
  it("runs the turn in the sender's own session and hands the host's reply to the runtime", async () => {
    const { runtime, agent } = agentWith((text) => `**You** said ${text}`);
    const { turn, delivered } = turnOf('hi');
    expect(await agent.reply(turn)).toEqual({ text: '' });
    expect(runtime.routes[0]).toMatchObject({
      channel: 'sms',
      accountId: 'default',
      peer: { kind: 'direct', id: HANDSET },
      dmScope: SMS_DM_SCOPE,
    });
    expect(runtime.contexts[0]).toMatchObject({
      messageId: 'SM1',
      from: `sms:${HANDSET}`,
      reply: { to: `sms:${HANDSET}` },
      message: { body: 'hi', bodyForAgent: 'hi' },
    });
    expect(delivered).toEqual(['**You** said hi']);
  });

  it("hands a photo to the host as its media facts, with the host's placeholder for a photo without text", async () => {
    const { runtime, agent } = agentWith(() => 'nice');
    await agent.reply(turnOf('', undefined, [PHOTO]).turn);
    expect(runtime.contexts[0]).toMatchObject({
      message: { body: '<media:image>', bodyForAgent: '<media:image>', rawBody: '' },
      media: [{ path: PHOTO.path, contentType: 'image/png', kind: 'image', sizeBytes: 68, messageId: 'SM1' }],
    });
  });

  it("sends the host's reply media with the reply: URLs as they are, local paths as files", async () => {
    const { agent } = agentWith(() => ({
      text: 'here',
      mediaUrl: 'https://example.com/a.png',
      mediaUrls: ['https://example.com/a.png', '/tmp/b.png'],
    }));
    const { turn, delivered, deliveredMedia } = turnOf('pictures?');
    await agent.reply(turn);
    expect(delivered).toEqual(['here']);
    expect(deliveredMedia).toEqual([{ url: 'https://example.com/a.png' }, { path: '/tmp/b.png' }]);
  });

  it('delivers nothing when the host starts no turn', async () => {
    const { agent } = agentWith(() => undefined);
    const { turn, delivered } = turnOf('hi');
    await agent.reply(turn);
    expect(delivered).toEqual([]);
  });

  it('rethrows a failed send after the host settled the turn, so the worker can retry it', async () => {
    const refused = twilioErrorFromResponse(429, { code: 20429 }, { 'retry-after': '5' });
    const { runtime, agent } = agentWith(() => 'reply');
    await expect(agent.reply(turnOf('hi', refused).turn)).rejects.toBe(refused);
    expect(runtime.deliveryErrors).toHaveLength(1);
  });

  it('stops waiting for the host when the account stops, with a transient error', async () => {
    const runtime = createFakeChannelRuntime(createFakeHostPairing(), () => 'late');
    runtime.inbound.run = () => new Promise(() => {});
    const agent = createHostTurnAgent({
      channelRuntime: runtime,
      config: () => ({}),
      account,
      logger: silentLogger,
    });
    const abort = new AbortController();
    const reply = agent.reply({ ...turnOf('hi').turn, signal: abort.signal });
    abort.abort();
    const error = await reply.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'TurnAbortedError', transient: true, code: 'TURN_ABORTED' });
  });
});
