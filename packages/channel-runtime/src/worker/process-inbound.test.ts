import { openStore, type SqliteGatewayStore } from '@sms-channel/store';
import { TwilioSendError, twilioErrorFromResponse } from '@sms-channel/twilio-messaging';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAIRING_LIMIT_NOTICE } from '../access/pairing-texts.js';
import { createStoreSenderAccess } from '../access/store-sender-access.js';
import type { Agent } from '../agent/agent.js';
import { AgentError } from '../errors.js';
import { account, HANDSET, inboundForm } from '../ingress/__fixtures__/webhook-server.js';
import type { OutboundSender } from '../reply/outbound-sender.js';
import { type ProcessInboundDeps, processInbound } from './process-inbound.js';

const echo: Agent = { kind: 'echo', reply: async (turn) => ({ text: `You said: ${turn.text}` }) };

let store: SqliteGatewayStore;
let sent: { to: string; text: string; turnKey: string }[];
let outbound: OutboundSender;
let failSend: Error | undefined;

beforeEach(async () => {
  store = await openStore(':memory:');
  sent = [];
  failSend = undefined;
  const logged = new Set<string>();
  outbound = {
    send: async (_account, to, parts, turnKey) => {
      if (failSend !== undefined) throw failSend;
      if (parts.length === 0) return { parts: [] };
      const text = parts.join('\n');
      const sentNow = !logged.has(turnKey);
      logged.add(turnKey);
      if (sentNow) sent.push({ to, text, turnKey });
      return { parts: [{ index: 0, body: text, sid: 'SMx', sentNow }] };
    },
  };
});
afterEach(() => store.close());

function deps(overrides: Partial<ProcessInboundDeps> = {}): ProcessInboundDeps {
  const accounts = [account({ dmPolicy: 'pairing' })];
  return {
    account: (id) => accounts.find((a) => a.accountId === id),
    optOuts: store,
    access: createStoreSenderAccess({ pairing: store.pairing }),
    agent: echo,
    outbound,
    drafts: store,
    ...overrides,
  };
}

async function claim(form: Record<string, string>) {
  await store.admitInbound('default', form.MessageSid as string, form);
  const claimed = await store.claimInbound();
  if (claimed === null) throw new Error('nothing claimed');
  return claimed;
}

describe('processInbound', () => {
  it('texts an unknown sender a pairing code with the approve command, once', async () => {
    const first = await processInbound(await claim(inboundForm()), deps());
    expect(first).toEqual({ action: 'complete', result: 'pairing-code-sent' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toMatch(/pairing approve sms [2-9A-Z]{8}/);
    await store.completeInbound(1);
    const second = await processInbound(await claim(inboundForm()), deps());
    expect(second).toEqual({ action: 'complete', result: 'pairing-code-already-sent' });
    expect(sent).toHaveLength(1);
  });

  it('texts the code again when the process died between storing the request and texting it', async () => {
    const access = createStoreSenderAccess({ pairing: store.pairing });
    await access.requestPairing('default', HANDSET);
    const outcome = await processInbound(await claim(inboundForm()), deps({ access }));
    expect(outcome).toMatchObject({ result: 'pairing-code-sent' });
  });

  it('runs the assistant turn for an approved sender and sends the reply under the MessageSid', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const form = inboundForm({ Body: 'hello' });
    const outcome = await processInbound(await claim(form), deps());
    expect(outcome).toMatchObject({ action: 'complete', result: 'replied' });
    expect(sent).toEqual([{ to: HANDSET, text: 'You said: hello', turnKey: form.MessageSid }]);
  });

  it('records STOP and sends nothing, not even a pairing code', async () => {
    const outcome = await processInbound(await claim(inboundForm({ Body: 'stop' })), deps());
    expect(outcome).toEqual({ action: 'complete', result: 'opt-out' });
    expect(await store.isOptedOut('default', HANDSET)).toBe(true);
    expect(sent).toEqual([]);
  });

  it("honours Twilio's OptOutType over the text", async () => {
    const outcome = await processInbound(
      await claim(inboundForm({ Body: 'arrête', OptOutType: 'STOP' })),
      deps(),
    );
    expect(outcome).toMatchObject({ result: 'opt-out' });
  });

  it('sends nothing to an opted-out sender, and START clears the opt-out without a reply', async () => {
    await store.recordOptOut('default', HANDSET);
    expect(await processInbound(await claim(inboundForm()), deps())).toMatchObject({ result: 'opted-out' });
    await store.completeInbound(1);
    expect(await processInbound(await claim(inboundForm({ Body: 'START' })), deps())).toMatchObject({
      result: 'opt-in',
    });
    expect(await store.isOptedOut('default', HANDSET)).toBe(false);
    expect(sent).toEqual([]);
  });

  it('does not answer HELP', async () => {
    expect(await processInbound(await claim(inboundForm({ Body: 'help' })), deps())).toMatchObject({
      result: 'help',
    });
    expect(sent).toEqual([]);
  });

  it('denies a sender outside the allowlist silently', async () => {
    const allowlist = account({ dmPolicy: 'allowlist', allowFrom: ['+12025550111'] });
    const outcome = await processInbound(await claim(inboundForm()), deps({ account: () => allowlist }));
    expect(outcome).toEqual({ action: 'complete', result: 'denied', detail: { reason: 'not-allowed' } });
    expect(sent).toEqual([]);
  });

  it('sends one "too many pending requests" notice per window when no code can be issued', async () => {
    const access = createStoreSenderAccess({ pairing: store.pairing, maxPendingPerAccount: 1 });
    await access.requestPairing('default', '+12025550111');
    const first = await processInbound(await claim(inboundForm()), deps({ access }));
    await store.completeInbound(1);
    const second = await processInbound(await claim(inboundForm()), deps({ access }));
    expect(first).toMatchObject({ result: 'pairing-limit-notice', detail: { sentNow: true } });
    expect(second).toMatchObject({ result: 'pairing-limit-notice', detail: { sentNow: false } });
    expect(sent.map((s) => s.text)).toEqual([PAIRING_LIMIT_NOTICE]);
  });

  it('retries a retryable Twilio failure after its Retry-After', async () => {
    const open = account({ dmPolicy: 'open', allowFrom: ['*'] });
    failSend = new TwilioSendError(twilioErrorFromResponse(429, { code: 20429 }, { 'retry-after': '90' }), {
      attempts: 1,
      to: HANDSET,
    });
    const outcome = await processInbound(await claim(inboundForm()), deps({ account: () => open }));
    expect(outcome).toMatchObject({ action: 'retry', retryAfterMs: 90_000 });
  });

  it("dead-letters a final Twilio refusal with Twilio's code", async () => {
    const open = account({ dmPolicy: 'open', allowFrom: ['*'] });
    failSend = new TwilioSendError(twilioErrorFromResponse(400, { code: 21211 }, {}), {
      attempts: 1,
      to: HANDSET,
    });
    const outcome = await processInbound(await claim(inboundForm()), deps({ account: () => open }));
    expect(outcome).toMatchObject({ action: 'dead-letter', detail: { twilioCode: 21211 } });
  });

  it('records an opt-out when Twilio refuses with 21610 and stops there', async () => {
    const open = account({ dmPolicy: 'open', allowFrom: ['*'] });
    failSend = new TwilioSendError(twilioErrorFromResponse(400, { code: 21610 }, {}), {
      attempts: 1,
      to: HANDSET,
    });
    const outcome = await processInbound(await claim(inboundForm()), deps({ account: () => open }));
    expect(outcome).toMatchObject({ action: 'complete', result: 'opted-out' });
    expect(await store.isOptedOut('default', HANDSET)).toBe(true);
  });

  it('retries an agent timeout and dead-letters a broken agent config', async () => {
    const open = account({ dmPolicy: 'open', allowFrom: ['*'] });
    const failing = (error: Error): Agent => ({ kind: 'test', reply: async () => Promise.reject(error) });
    const timeout = await processInbound(
      await claim(inboundForm()),
      deps({
        account: () => open,
        agent: failing(new AgentError('AGENT_TIMEOUT', 'slow', { transient: true })),
      }),
    );
    expect(timeout).toMatchObject({ action: 'retry' });
    await store.completeInbound(1);
    const broken = await processInbound(
      await claim(inboundForm()),
      deps({
        account: () => open,
        agent: failing(new AgentError('AGENT_CONFIG', 'no key', { transient: false })),
      }),
    );
    expect(broken).toMatchObject({ action: 'dead-letter', reason: 'no key' });
  });

  it('sends nothing when the agent has no reply', async () => {
    const open = account({ dmPolicy: 'open', allowFrom: ['*'] });
    const quiet: Agent = { kind: 'quiet', reply: async () => ({ text: '' }) };
    expect(
      await processInbound(await claim(inboundForm()), deps({ account: () => open, agent: quiet })),
    ).toMatchObject({ result: 'no-reply' });
    expect(sent).toEqual([]);
  });

  it('defers the turn of a sender over the pacing limit, without running the agent or sending', async () => {
    const open = account({ dmPolicy: 'open', allowFrom: ['*'] });
    const clock = { now: 1_000_000 };
    // The pacing is the store's (it holds across processes); this one reads the test's clock.
    const pacingStore = await openStore(':memory:', { now: () => clock.now });
    const pacing = { store: pacingStore, turnsPerMinute: 1 };
    let runs = 0;
    const agent: Agent = {
      kind: 'counting',
      reply: async (turn) => {
        runs += 1;
        return { text: `You said: ${turn.text}` };
      },
    };
    const first = await processInbound(
      await claim(inboundForm()),
      deps({ account: () => open, agent, pacing }),
    );
    expect(first).toMatchObject({ result: 'replied' });
    await store.completeInbound(1);
    clock.now += 15_000;
    const second = await processInbound(
      await claim(inboundForm()),
      deps({ account: () => open, agent, pacing }),
    );
    expect(second).toEqual({
      action: 'defer',
      reason: 'sender over the turns-per-minute limit',
      retryAfterMs: 45_000,
    });
    expect(runs).toBe(1);
    expect(sent).toHaveLength(1);
    await pacingStore.close();
  });

  it('dead-letters a message of an account that is no longer configured', async () => {
    expect(
      await processInbound(await claim(inboundForm()), deps({ account: () => undefined })),
    ).toMatchObject({ action: 'dead-letter' });
  });
});
