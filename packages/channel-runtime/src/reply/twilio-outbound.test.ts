import { readFileSync } from 'node:fs';
import { createSandbox, DEFAULT_HANDSET, type Sandbox } from '@sms-channel/sandbox';
import { openStore, type SqliteGatewayStore } from '@sms-channel/store';
import {
  createTwilioRestClient,
  isTwilioSendError,
  type TwilioRestClient,
  twilioErrorFromResponse,
} from '@sms-channel/twilio-messaging';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { account as accountOf } from '../ingress/__fixtures__/webhook-server.js';
import { silentLogger } from '../logger.js';
import { sendDurableReply } from './durable-reply.js';
import { formatReplyParts } from './format-reply-parts.js';
import { createTwilioOutbound } from './outbound-sender.js';

const LONG_REPLY = readFileSync(new URL('./__fixtures__/long-reply.md', import.meta.url), 'utf8');

let sandbox: Sandbox;
let store: SqliteGatewayStore;
let account: ReturnType<typeof accountOf>;

beforeAll(async () => {
  sandbox = createSandbox({ deliveryDelayMs: 5 });
  await sandbox.start();
  account = accountOf({
    accountSid: sandbox.accountSid,
    authToken: sandbox.authToken,
    twilioApiBaseUrl: sandbox.url,
    textChunkLimit: 600,
  });
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  sandbox.admin.reset();
  store = await openStore(':memory:');
});
afterEach(() => store.close());

const received = () =>
  sandbox.messages
    .list()
    .filter((message) => message.direction === 'outbound-api')
    .reverse()
    .map((message) => message.body);

const outbound = (client?: Pick<TwilioRestClient, 'createMessage' | 'listMessages'>) =>
  createTwilioOutbound({
    outboundLog: store,
    logger: silentLogger,
    ...(client === undefined ? {} : { client: () => client }),
  });

describe('createTwilioOutbound (real twilio SDK against the sandbox)', () => {
  it('sends parts in order, exactly as given, and logs each under the turn key', async () => {
    const parts = ['**kept literally** (1/2)', 'second [part](x) (2/2)'];
    const sent = await outbound().send(account, DEFAULT_HANDSET, parts, 'SM1');
    expect(received()).toEqual(parts);
    expect(sent.parts.map((part) => part.body)).toEqual(parts);
    const logged = await store.listOutboundParts('default', 'SM1');
    expect(logged.map((part) => part.messageSid)).toEqual(sent.parts.map((part) => part.sid));
  });

  it('sends nothing again when the same turn is replayed', async () => {
    const parts = await formatReplyParts(LONG_REPLY, account);
    await outbound().send(account, DEFAULT_HANDSET, parts, 'SM2');
    const again = await outbound().send(account, DEFAULT_HANDSET, parts, 'SM2');
    expect(received()).toHaveLength(parts.length);
    expect(again.parts.every((part) => !part.sentNow)).toBe(true);
  });

  it('resumes a turn that failed midway with the parts that were not accepted', async () => {
    const parts = await formatReplyParts(LONG_REPLY, account);
    const real = createTwilioRestClient({ ...sandbox, twilioApiBaseUrl: sandbox.url });
    let calls = 0;
    const flaky: Pick<TwilioRestClient, 'createMessage' | 'listMessages'> = {
      listMessages: (filter) => real.listMessages(filter),
      createMessage: async (params) => {
        calls += 1;
        if (calls === 2) throw twilioErrorFromResponse(400, { code: 21617 }, {});
        return real.createMessage(params);
      },
    };
    const error = await outbound(flaky)
      .send(account, DEFAULT_HANDSET, parts, 'SM3')
      .catch((thrown: unknown) => thrown);
    expect(isTwilioSendError(error)).toBe(true);
    expect(received()).toHaveLength(1);
    const resumed = await outbound(flaky).send(account, DEFAULT_HANDSET, parts, 'SM3');
    expect(resumed.parts[0]?.sentNow).toBe(false);
    expect(received()).toEqual(parts);
  });

  it('sends only the parts the outbound log does not hold yet', async () => {
    const parts = await formatReplyParts(LONG_REPLY, account);
    await store.recordOutboundPart('default', 'SM4', {
      partIndex: 0,
      messageSid: 'SMearlier',
      to: DEFAULT_HANDSET,
    });
    const sent = await outbound().send(account, DEFAULT_HANDSET, parts, 'SM4');
    expect(received()).toEqual(parts.slice(1));
    expect(sent.parts[0]).toMatchObject({ index: 0, sid: 'SMearlier', sentNow: false });
  });

  it('adopts a part Twilio accepted before the process died, instead of sending it again', async () => {
    const parts = await formatReplyParts(LONG_REPLY, account);
    const real = createTwilioRestClient({ ...sandbox, twilioApiBaseUrl: sandbox.url });
    let calls = 0;
    // Part 2 is accepted by Twilio, then the process "dies" before its SID is logged.
    const dying: Pick<TwilioRestClient, 'createMessage' | 'listMessages'> = {
      listMessages: (filter) => real.listMessages(filter),
      createMessage: async (params) => {
        calls += 1;
        const message = await real.createMessage(params);
        if (calls === 2) throw new Error('the gateway died');
        return message;
      },
    };
    await outbound(dying)
      .send(account, DEFAULT_HANDSET, parts, 'SM9')
      .catch(() => undefined);
    expect(received()).toHaveLength(2);
    const resumed = await outbound().send(account, DEFAULT_HANDSET, parts, 'SM9');
    expect(received()).toEqual(parts);
    expect(resumed.parts.map((part) => part.sentNow)).toEqual(parts.map((_, i) => i >= 2));
    const logged = await store.listOutboundParts('default', 'SM9');
    expect(logged.map((part) => part.messageSid)).toEqual(resumed.parts.map((part) => part.sid));
  });

  it('sends a part whose intent was recorded but which Twilio never accepted', async () => {
    const real = createTwilioRestClient({ ...sandbox, twilioApiBaseUrl: sandbox.url });
    const refusing: Pick<TwilioRestClient, 'createMessage' | 'listMessages'> = {
      listMessages: (filter) => real.listMessages(filter),
      createMessage: async () => {
        throw new Error('the gateway died before the request left');
      },
    };
    await outbound(refusing)
      .send(account, DEFAULT_HANDSET, ['only part'], 'SM10')
      .catch(() => undefined);
    expect(await store.listSendIntents('default', 'SM10')).toMatchObject([
      { partIndex: 0, messageSid: null },
    ]);
    await outbound().send(account, DEFAULT_HANDSET, ['only part'], 'SM10');
    expect(received()).toEqual(['only part']);
  });

  it('sends through the Messaging Service only when the account has no number', async () => {
    const service = `MG${'a'.repeat(32)}`;
    const both = accountOf({ ...account, messagingServiceSid: service });
    const sent = await outbound().send(both, DEFAULT_HANDSET, ['hi'], 'SM5');
    expect(sandbox.messages.get(sent.parts[0]?.sid ?? '')).toMatchObject({ from: account.fromNumber });
  });
});

describe('sendDurableReply', () => {
  it('sends a 3,000-character markdown reply as ordered, numbered parts within the chunk limit, saved first', async () => {
    const drafts = store;
    const sent = await sendDurableReply({ drafts, outbound: outbound() }, account, {
      to: DEFAULT_HANDSET,
      turnKey: 'SM6',
      markdown: LONG_REPLY,
    });
    const bodies = received();
    const n = bodies.length;
    expect(n).toBeGreaterThan(4);
    expect(bodies).toEqual(sent.parts.map((part) => part.body));
    bodies.forEach((body, i) => {
      expect(body.length).toBeLessThanOrEqual(600);
      expect(body.endsWith(` (${i + 1}/${n})`)).toBe(true);
    });
    expect(bodies.join('')).not.toMatch(/\*\*|\]\(/);
    expect(await store.getReplyDraft('default', 'SM6')).toMatchObject({ parts: bodies });
  });

  it('sends a short reply as one part without numbering, and nothing for an empty one', async () => {
    const deps = { drafts: store, outbound: outbound() };
    await sendDurableReply(deps, account, {
      to: DEFAULT_HANDSET,
      turnKey: 'SM7',
      markdown: 'You said: **hi**',
    });
    const empty = await sendDurableReply(deps, account, {
      to: DEFAULT_HANDSET,
      turnKey: 'SM8',
      markdown: ' \n',
    });
    expect(received()).toEqual(['You said: hi']);
    expect(empty.parts).toEqual([]);
  });
});
