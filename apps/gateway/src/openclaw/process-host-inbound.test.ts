import { openStore, type SqliteGatewayStore } from '@sms-channel/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { account, HANDSET, inboundForm } from '../webhook/__fixtures__/webhook-server.js';
import type { OutboundSender } from '../worker/outbound-sender.js';
import { createStoreSenderAccess } from '../worker/sender-access.js';
import type { HostTurnAgent } from './host-turn-agent.js';
import { processHostInbound } from './process-host-inbound.js';

let store: SqliteGatewayStore;
beforeEach(async () => {
  store = await openStore(':memory:');
});
afterEach(() => store.close());

const outbound: OutboundSender = { send: async () => ({ parts: [] }) };
const open = account({ dmPolicy: 'open', allowFrom: ['*'] });

function hostAgent(delivered: string[] | undefined): HostTurnAgent {
  return {
    kind: 'openclaw',
    reply: async () => ({ text: '' }),
    takeDelivered: () => delivered?.map((sid, index) => ({ index, body: 'part', sid, sentNow: true })),
  };
}

async function claim(body: string) {
  const form = inboundForm({ Body: body });
  await store.admitInbound('default', form.MessageSid as string, form);
  const claimed = await store.claimInbound();
  if (claimed === null) throw new Error('nothing claimed');
  return claimed;
}

const deps = (agent: HostTurnAgent) => ({
  account: () => open,
  optOuts: store,
  access: createStoreSenderAccess({ pairing: store.pairing }),
  agent,
  outbound,
});

describe('processHostInbound', () => {
  it('reports the parts the host delivered as the reply', async () => {
    const outcome = await processHostInbound(await claim('hi'), deps(hostAgent(['SM1', 'SM2'])));
    expect(outcome).toEqual({
      action: 'complete',
      result: 'replied',
      detail: { parts: 2, sids: ['SM1', 'SM2'] },
    });
  });

  it('reports no reply when the host delivered nothing', async () => {
    const outcome = await processHostInbound(await claim('hi'), deps(hostAgent(undefined)));
    expect(outcome).toMatchObject({ action: 'complete', result: 'no-reply' });
  });

  it("leaves the worker's own outcomes alone (STOP is recorded, not answered)", async () => {
    const outcome = await processHostInbound(await claim('STOP'), deps(hostAgent(['SM1'])));
    expect(outcome).toMatchObject({ action: 'complete', result: 'opt-out' });
    expect(await store.isOptedOut('default', HANDSET)).toBe(true);
  });
});
