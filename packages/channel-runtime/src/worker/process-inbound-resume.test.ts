/**
 * processInbound across a crash: the reply is saved (a draft) before its first part is sent, so a resumed
 * turn sends the rest of the SAME reply and neither reruns the agent nor records its history twice.
 * Regression: before drafts, a gateway killed after part 1 of 3 asked the agent again on restart and the
 * recipient got part 1 of one reply and parts 2..3 of another.
 */
import type { ClaimedInbound } from '@sms-channel/store';
import { openStore, type SqliteGatewayStore } from '@sms-channel/store';
import type { TwilioMessage, TwilioRestClient } from '@sms-channel/twilio-messaging';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStoreSenderAccess } from '../access/store-sender-access.js';
import type { Agent } from '../agent/agent.js';
import { account, HANDSET, inboundForm } from '../ingress/__fixtures__/webhook-server.js';
import { silentLogger } from '../logger.js';
import { formatReplyParts } from '../reply/format-reply-parts.js';
import { createTwilioOutbound, type OutboundSender } from '../reply/outbound-sender.js';
import { type ProcessInboundDeps, processInbound } from './process-inbound.js';
import { createTurnHistory } from './turn-history.js';

const open = account({ dmPolicy: 'open', allowFrom: ['*'], textChunkLimit: 160 });

let store: SqliteGatewayStore;
/** Bodies the handset received, in order. */
let delivered: string[];
/** When set, the next `sendParts` sends this many new parts, then fails as if the process died. */
let dieAfterParts: number | undefined;
let outbound: OutboundSender;

beforeEach(async () => {
  store = await openStore(':memory:');
  delivered = [];
  dieAfterParts = undefined;
  let sids = 0;
  let sentThisCall = 0;
  // Twilio as the handset sees it: a part it accepts is delivered, unless the process "dies" first.
  const accepted: TwilioMessage[] = [];
  const client: Pick<TwilioRestClient, 'createMessage' | 'listMessages'> = {
    listMessages: async ({ to }) => accepted.filter((message) => message.to === to).reverse(),
    createMessage: async ({ to, body }) => {
      if (dieAfterParts !== undefined && sentThisCall === dieAfterParts) {
        dieAfterParts = undefined;
        throw new Error('the gateway died');
      }
      sentThisCall += 1;
      sids += 1;
      delivered.push(body);
      const message: TwilioMessage = {
        sid: `SMout${sids}`,
        status: 'queued',
        to,
        from: open.fromNumber ?? null,
        body,
        messagingServiceSid: null,
        direction: 'outbound-api',
        dateCreated: new Date(),
        dateSent: null,
        errorCode: null,
        numMedia: 0,
      };
      accepted.push(message);
      return message;
    },
  };
  // The real Twilio outbound: parts in the outbound log are skipped, each new part is logged once sent.
  const twilio = createTwilioOutbound({ outboundLog: store, logger: silentLogger, client: () => client });
  outbound = {
    send: (...args) => {
      sentThisCall = 0;
      return twilio.send(...args);
    },
  };
});
afterEach(() => store.close());

/** A reply of three parts at 160 characters, different on every run (as a model's would be). */
function replyOfRun(run: number): string {
  return [1, 2, 3]
    .map((p) => `Paragraph ${p} of run ${run}: ${'lorem ipsum '.repeat(10).trim()}.`)
    .join('\n\n');
}

function countingAgent(): Agent & { runs: number } {
  const agent = {
    kind: 'counting',
    runs: 0,
    reply: async () => {
      agent.runs += 1;
      return { text: replyOfRun(agent.runs) };
    },
  };
  return agent;
}

function deps(overrides: Partial<ProcessInboundDeps> = {}): ProcessInboundDeps {
  return {
    account: () => open,
    optOuts: store,
    access: createStoreSenderAccess({ pairing: store.pairing }),
    agent: countingAgent(),
    outbound,
    drafts: store,
    ...overrides,
  };
}

async function claimNext(): Promise<ClaimedInbound> {
  const claimed = await store.claimInbound();
  if (claimed === null) throw new Error('nothing claimed');
  return claimed;
}

/** What a restart does to a message whose turn died: its claim lapses and it is handed out again. */
async function handOutAgain(claimed: ClaimedInbound): Promise<ClaimedInbound> {
  await store.failInbound(claimed.id, { reason: 'died', retryAfterMs: 0 });
  return claimNext();
}

describe('processInbound resuming a turn from its saved reply', () => {
  it('sends the rest of the same reply after dying between parts, without running the agent again', async () => {
    const agent = countingAgent();
    await store.admitInbound('default', 'SMturn1', inboundForm({ MessageSid: 'SMturn1' }));
    dieAfterParts = 1;
    const claimed = await claimNext();
    const first = await processInbound(claimed, deps({ agent }));
    expect(first).toMatchObject({ action: 'retry' });
    expect(delivered).toHaveLength(1);

    const resumed = await processInbound(await handOutAgain(claimed), deps({ agent }));
    expect(resumed).toMatchObject({
      action: 'complete',
      result: 'replied',
      detail: { fromSavedDraft: true },
    });
    expect(agent.runs).toBe(1);
    const expected = await formatReplyParts(replyOfRun(1), open);
    expect(expected).toHaveLength(3);
    expect(delivered).toEqual(expected);
  });

  it('saves the reply before sending it, as the parts that were sent', async () => {
    await store.admitInbound('default', 'SMturn2', inboundForm({ MessageSid: 'SMturn2' }));
    await processInbound(await claimNext(), deps());
    const draft = await store.getReplyDraft('default', 'SMturn2');
    expect(draft).toMatchObject({ to: HANDSET, parts: delivered });
  });

  it('saves an empty reply too, so a resumed turn answers nothing without asking the agent again', async () => {
    let runs = 0;
    const quiet: Agent = {
      kind: 'quiet',
      reply: async () => {
        runs += 1;
        return { text: '' };
      },
    };
    await store.admitInbound('default', 'SMturn3', inboundForm({ MessageSid: 'SMturn3' }));
    const claimed = await claimNext();
    expect(await processInbound(claimed, deps({ agent: quiet }))).toMatchObject({ result: 'no-reply' });
    expect(await processInbound(await handOutAgain(claimed), deps({ agent: quiet }))).toMatchObject({
      result: 'no-reply',
      detail: { fromSavedDraft: true },
    });
    expect(runs).toBe(1);
    expect(delivered).toEqual([]);
  });

  it('resumes a turn whose agent delivered its replies during the turn (as the OpenClaw host does)', async () => {
    let runs = 0;
    const host: Agent = {
      kind: 'host',
      reply: async (turn) => {
        runs += 1;
        await turn.deliver({ text: 'First reply.' });
        await turn.deliver({ text: replyOfRun(runs) });
        return { text: '' };
      },
    };
    await store.admitInbound('default', 'SMturn4', inboundForm({ MessageSid: 'SMturn4' }));
    dieAfterParts = 2;
    const claimed = await claimNext();
    expect(await processInbound(claimed, deps({ agent: host }))).toMatchObject({ action: 'retry' });
    const resumed = await processInbound(await handOutAgain(claimed), deps({ agent: host }));
    expect(resumed).toMatchObject({ result: 'replied', detail: { parts: 4, fromSavedDraft: true } });
    expect(runs).toBe(1);
    expect(delivered).toEqual(['First reply.', ...(await formatReplyParts(replyOfRun(1), open))]);
    expect(await store.getReplyDraft('default', 'SMturn4#1')).toMatchObject({ parts: delivered.slice(1) });
  });
});

describe('processInbound and the conversation history of a resumed turn', () => {
  /**
   * An agent that keeps a conversation the way the gateway's `openai` agent does: it reads the history, asks a
   * model (here: answers differently on every call) and appends both sides of the turn once it has the answer.
   */
  function historyAgent() {
    const turnHistory = createTurnHistory(store);
    let calls = 0;
    const agent: Agent = {
      kind: 'history',
      reply: async (turn) => {
        await turnHistory.history.listConversationTurns(turn.accountId, turn.sender, { limit: 10 });
        calls += 1;
        const text = replyOfRun(calls);
        await turnHistory.history.appendConversationTurn(turn.accountId, turn.sender, {
          role: 'user',
          content: turn.text,
        });
        await turnHistory.history.appendConversationTurn(turn.accountId, turn.sender, {
          role: 'assistant',
          content: text,
        });
        return { text };
      },
    };
    return { agent, turnHistory, calls: () => calls };
  }

  const history = async () =>
    (await store.listConversationTurns('default', HANDSET)).map((turn) => `${turn.role}: ${turn.content}`);

  it('records the turn once when it is resumed after dying between parts', async () => {
    const { agent, turnHistory, calls } = historyAgent();
    await store.admitInbound('default', 'SMturn5', inboundForm({ MessageSid: 'SMturn5', Body: 'question' }));
    dieAfterParts = 1;
    const claimed = await claimNext();
    await processInbound(claimed, deps({ agent, turnHistory }));
    await processInbound(await handOutAgain(claimed), deps({ agent, turnHistory }));
    expect(calls()).toBe(1);
    expect(await history()).toEqual(['user: question', `assistant: ${replyOfRun(1)}`]);
  });

  it('records nothing when the turn dies before its reply is saved, then the rerun once', async () => {
    const { agent, turnHistory, calls } = historyAgent();
    await store.admitInbound('default', 'SMturn6', inboundForm({ MessageSid: 'SMturn6', Body: 'question' }));
    const claimed = await claimNext();
    const dying = {
      getReplyDraft: store.getReplyDraft.bind(store),
      saveReplyDraft: async () => {
        throw new Error('the gateway died');
      },
    };
    expect(await processInbound(claimed, deps({ agent, turnHistory, drafts: dying }))).toMatchObject({
      action: 'retry',
    });
    expect(await history()).toEqual([]);
    await processInbound(await handOutAgain(claimed), deps({ agent, turnHistory }));
    expect(calls()).toBe(2);
    expect(await history()).toEqual(['user: question', `assistant: ${replyOfRun(2)}`]);
    expect(delivered).toEqual(await formatReplyParts(replyOfRun(2), open));
  });
});
