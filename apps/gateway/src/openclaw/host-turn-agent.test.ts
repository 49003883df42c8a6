import { openStore } from '@sms-channel/store';
import { describe, expect, it } from 'vitest';
import { AgentError } from '../agent/agent-error.js';
import { createSilentLogger } from '../logging/create-logger.js';
import { twilioErrorFromResponse } from '../twilio/twilio-response-error.js';
import { account, HANDSET } from '../webhook/__fixtures__/webhook-server.js';
import type { OutboundSender } from '../worker/outbound-sender.js';
import { createFakeChannelRuntime, createFakeHostPairing } from './__fixtures__/fake-host.js';
import { createHostTurnAgent, SMS_DM_SCOPE } from './host-turn-agent.js';

const turn = { accountId: 'default', sender: HANDSET, to: '+12025550100', messageSid: 'SM1', media: [] };

function recordingOutbound(fail?: Error) {
  const sent: { to: string; text: string; turnKey: string }[] = [];
  const outbound: OutboundSender = {
    send: async (_account, to, text, turnKey) => {
      if (fail !== undefined) throw fail;
      sent.push({ to, text, turnKey });
      return { parts: [{ index: 0, body: text, sid: `SM-${turnKey}`, sentNow: true }] };
    },
  };
  return { sent, outbound };
}

function agentWith(reply: (text: string) => string | undefined, outbound: OutboundSender) {
  const runtime = createFakeChannelRuntime(createFakeHostPairing(), reply);
  const agent = createHostTurnAgent({
    channelRuntime: runtime,
    config: () => ({ agents: {} }),
    account: account(),
    outbound,
    logger: createSilentLogger(),
  });
  return { runtime, agent };
}

describe('createHostTurnAgent', () => {
  it("runs the turn in the sender's own session and sends the host's reply under the MessageSid", async () => {
    const { sent, outbound } = recordingOutbound();
    const { runtime, agent } = agentWith((text) => `**You** said ${text}`, outbound);
    expect(await agent.reply({ ...turn, text: 'hi' })).toEqual({ text: '' });
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
    expect(sent).toEqual([{ to: HANDSET, text: '**You** said hi', turnKey: 'SM1#0' }]);
    expect(agent.takeDelivered('SM1')?.map((part) => part.sid)).toEqual(['SM-SM1#0']);
    expect(agent.takeDelivered('SM1')).toBeUndefined();
  });

  it('sends nothing when the host starts no turn', async () => {
    const { sent, outbound } = recordingOutbound();
    const { agent } = agentWith(() => undefined, outbound);
    await agent.reply({ ...turn, text: 'hi' });
    expect(sent).toEqual([]);
    expect(agent.takeDelivered('SM1')).toBeUndefined();
  });

  it('rethrows a failed send after the host settled the turn, so the worker can retry it', async () => {
    const refused = twilioErrorFromResponse(429, { code: 20429 }, { 'retry-after': '5' });
    const { outbound } = recordingOutbound(refused);
    const { runtime, agent } = agentWith(() => 'reply', outbound);
    await expect(agent.reply({ ...turn, text: 'hi' })).rejects.toBe(refused);
    expect(runtime.deliveryErrors).toHaveLength(1);
  });

  it('stops waiting for the host when the account stops, with a transient error', async () => {
    const { outbound } = recordingOutbound();
    const runtime = createFakeChannelRuntime(createFakeHostPairing(), () => 'late');
    runtime.inbound.run = () => new Promise(() => {});
    const agent = createHostTurnAgent({
      channelRuntime: runtime,
      config: () => ({}),
      account: account(),
      outbound,
      logger: createSilentLogger(),
    });
    const abort = new AbortController();
    const reply = agent.reply({ ...turn, text: 'hi', signal: abort.signal });
    abort.abort();
    const error = await reply.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AgentError);
    expect(error).toMatchObject({ transient: true, code: 'TURN_ABORTED' });
  });
});

describe('createHostTurnAgent with reply drafts', () => {
  it('sends the rest of the saved reply when the turn is retried, without running the host turn again', async () => {
    const store = await openStore(':memory:');
    let turns = 0;
    const runtime = createFakeChannelRuntime(createFakeHostPairing(), () => {
      turns += 1;
      return turns === 1 ? '**First** reply' : 'A different second reply';
    });
    const sent: string[][] = [];
    let failNext = true;
    const outbound: OutboundSender = {
      send: async () => {
        throw new Error('send is not used when drafts are kept');
      },
      sendParts: async (_account, _to, parts, turnKey) => {
        if (failNext) {
          failNext = false;
          throw twilioErrorFromResponse(503, { code: 20503 }, {});
        }
        sent.push([...parts]);
        return {
          parts: parts.map((body, index) => ({ index, body, sid: `SM-${turnKey}-${index}`, sentNow: true })),
        };
      },
    };
    const agent = createHostTurnAgent({
      channelRuntime: runtime,
      config: () => ({}),
      account: account(),
      outbound,
      drafts: store,
      logger: createSilentLogger(),
    });
    await expect(agent.reply({ ...turn, text: 'hi' })).rejects.toMatchObject({ status: 503 });
    await agent.reply({ ...turn, text: 'hi' });
    expect(turns).toBe(1);
    expect(sent).toEqual([['First reply']]);
    expect((await store.getReplyDraft('default', 'SM1#0'))?.parts).toEqual(['First reply']);
    await store.close();
  });
});
