import { openStore, type SqliteGatewayStore } from '@sms-channel/store';
import { TwilioSendError, twilioErrorFromResponse } from '@sms-channel/twilio-messaging';
import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../agent/agent.js';
import { createChannelRuntime } from '../create-channel-runtime.js';
import { AgentError } from '../errors.js';
import { account, HANDSET, inboundForm } from '../ingress/__fixtures__/webhook-server.js';
import type { OutboundSender } from '../reply/outbound-sender.js';

const APOLOGY = 'Sorry, something went wrong.';
const open = account({ dmPolicy: 'open', allowFrom: ['*'], failureReply: APOLOGY });

let store: SqliteGatewayStore;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  await store?.close();
});

/** Runs the runtime on a fresh store with `agent`; every text sent is recorded (the outbound log dedupes). */
async function run(agent: Agent, options: { maxAttempts?: number; failSends?: boolean } = {}) {
  store = await openStore(':memory:', { maxAttempts: options.maxAttempts ?? 1 });
  const sent: { to: string; text: string; turnKey: string }[] = [];
  const outbound: OutboundSender = {
    send: async (_account, to, parts, turnKey) => {
      if (options.failSends === true && !turnKey.startsWith('failure:')) {
        throw new TwilioSendError(twilioErrorFromResponse(400, { code: 21211 }, {}), { attempts: 1, to });
      }
      const logged = await store.listOutboundParts('default', turnKey);
      if (logged.length === 0) {
        sent.push({ to, text: parts.join(' '), turnKey });
        await store.recordOutboundPart('default', turnKey, {
          partIndex: 0,
          messageSid: `SM${sent.length}`,
          to,
        });
      }
      return {
        parts: parts.map((body, index) => ({ index, body, sid: 'SMx', sentNow: logged.length === 0 })),
      };
    },
  };
  const runtime = createChannelRuntime({ accounts: [open], store, agent, outbound, pollIntervalMs: 20 });
  runtime.start();
  stop = () => runtime.stop(1000);
  return sent;
}

const failing = (transient: boolean): Agent => ({
  kind: 'failing',
  reply: async () => {
    throw new AgentError('AGENT_BROKEN', 'the model is down', { transient });
  },
});

/** Waits for the queue to have dead-lettered `count` messages (state, not time). */
async function deadLettered(count: number): Promise<void> {
  while ((await store.listDeadLetters()).length < count)
    await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('the failure reply', () => {
  it('texts the sender one apology when the assistant fails for good', async () => {
    const sent = await run(failing(false));
    const form = inboundForm();
    await store.admitInbound('default', form.MessageSid as string, form, { sender: HANDSET });
    await deadLettered(1);
    while (sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent).toEqual([{ to: HANDSET, text: APOLOGY, turnKey: `failure:${form.MessageSid}` }]);
  });

  it('texts it once, after the last attempt, when the assistant keeps failing for a while', async () => {
    const sent = await run(failing(true), { maxAttempts: 2 });
    const form = inboundForm();
    await store.admitInbound('default', form.MessageSid as string, form, { sender: HANDSET });
    await deadLettered(1);
    while (sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent.map((entry) => entry.text)).toEqual([APOLOGY]);
  });

  it('texts one apology per message even when a dead letter is replayed and fails again', async () => {
    const sent = await run(failing(false));
    const form = inboundForm();
    await store.admitInbound('default', form.MessageSid as string, form, { sender: HANDSET });
    await deadLettered(1);
    const [dead] = await store.listDeadLetters();
    await store.requeueDeadLetter(dead?.id ?? 0);
    await deadLettered(1);
    while ((await store.countInbound()).pending > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await deadLettered(1);
    expect(sent.map((entry) => entry.text)).toEqual([APOLOGY]);
  });

  it('sends nothing to a sender who texted STOP while the assistant was failing', async () => {
    const stoppedMidTurn: Agent = {
      kind: 'failing',
      reply: async (turn) => {
        if (turn.sender === HANDSET) await store.recordOptOut(turn.accountId, turn.sender);
        throw new AgentError('AGENT_BROKEN', 'the model is down', { transient: false });
      },
    };
    const sent = await run(stoppedMidTurn);
    const form = inboundForm();
    await store.admitInbound('default', form.MessageSid as string, form, { sender: HANDSET });
    await deadLettered(1);
    // The apology is decided right after the dead letter; the next message shows the worker moved on.
    const other = inboundForm({ From: '+12025550199' });
    await store.admitInbound('default', other.MessageSid as string, other, { sender: '+12025550199' });
    await deadLettered(2);
    while (sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent.map((entry) => entry.to)).toEqual(['+12025550199']);
  });

  it('sends no apology when Twilio, not the assistant, refused the reply', async () => {
    const echo: Agent = { kind: 'echo', reply: async (turn) => ({ text: `You said: ${turn.text}` }) };
    const sent = await run(echo, { failSends: true });
    const form = inboundForm();
    await store.admitInbound('default', form.MessageSid as string, form, { sender: HANDSET });
    await deadLettered(1);
    expect(sent).toEqual([]);
  });
});
