import { readFileSync } from 'node:fs';
import { createSandbox, DEFAULT_HANDSET, DEFAULT_NUMBER, type Sandbox } from '@sms-channel/sandbox';
import { openStore, type SqliteGatewayStore } from '@sms-channel/store';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTwilioClient, type TwilioClient } from './create-twilio-client.js';
import { formatReplyParts, sendReply, sendReplyParts } from './send-reply.js';
import type { SmsMessageCreator } from './send-sms.js';
import { TwilioSendError } from './twilio-error.js';
import { twilioErrorFromResponse } from './twilio-response-error.js';

const LONG_REPLY = readFileSync(new URL('./__fixtures__/long-reply.md', import.meta.url), 'utf8');
const sender = { accountId: 'default', fromNumber: DEFAULT_NUMBER, textChunkLimit: 600 };

let sandbox: Sandbox;
let client: TwilioClient;
let store: SqliteGatewayStore;

beforeAll(async () => {
  sandbox = createSandbox({ deliveryDelayMs: 5 });
  await sandbox.start();
  client = await createTwilioClient({ ...sandbox, twilioApiBaseUrl: sandbox.url });
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  sandbox.admin.reset();
  store = await openStore(':memory:');
});
afterEach(() => store.close());

const outbound = () =>
  sandbox.messages
    .list()
    .filter((message) => message.direction === 'outbound-api')
    .reverse()
    .map((message) => message.body);

describe('sendReply', () => {
  it('sends a 3,000-character markdown reply as ordered, numbered parts within the chunk limit', async () => {
    const reply = await sendReply({
      client,
      outboundLog: store,
      sender,
      to: DEFAULT_HANDSET,
      markdown: LONG_REPLY,
      turnKey: 'SM1',
    });
    const bodies = outbound();
    const n = bodies.length;
    expect(n).toBeGreaterThan(4);
    expect(bodies).toEqual(reply.parts.map((part) => part.body));
    bodies.forEach((body, i) => {
      expect(body.length).toBeLessThanOrEqual(600);
      expect(body.endsWith(` (${i + 1}/${n})`)).toBe(true);
    });
    expect(bodies.join('')).not.toMatch(/\*\*|\]\(/);
  });

  it('logs each accepted part under the turn key', async () => {
    const reply = await sendReply({
      client,
      outboundLog: store,
      sender,
      to: DEFAULT_HANDSET,
      markdown: LONG_REPLY,
      turnKey: 'SM2',
    });
    const logged = await store.listOutboundParts('default', 'SM2');
    expect(logged.map((part) => part.messageSid)).toEqual(reply.parts.map((part) => part.sid));
  });

  it('sends nothing again when the same turn is replayed', async () => {
    await sendReply({
      client,
      outboundLog: store,
      sender,
      to: DEFAULT_HANDSET,
      markdown: LONG_REPLY,
      turnKey: 'SM3',
    });
    const count = outbound().length;
    const again = await sendReply({
      client,
      outboundLog: store,
      sender,
      to: DEFAULT_HANDSET,
      markdown: LONG_REPLY,
      turnKey: 'SM3',
    });
    expect(outbound()).toHaveLength(count);
    expect(again.parts.every((part) => !part.sentNow)).toBe(true);
  });

  it('resumes a turn that failed midway with the parts that were not accepted', async () => {
    let calls = 0;
    const flaky: SmsMessageCreator = {
      messages: {
        create: async (params) => {
          calls += 1;
          if (calls === 2) throw twilioErrorFromResponse(400, { code: 21617 }, {});
          return client.messages.create(params);
        },
      },
    };
    const failed = sendReply({
      client: flaky,
      outboundLog: store,
      sender,
      to: DEFAULT_HANDSET,
      markdown: LONG_REPLY,
      turnKey: 'SM4',
    });
    await expect(failed).rejects.toBeInstanceOf(TwilioSendError);
    expect(outbound()).toHaveLength(1);
    const resumed = await sendReply({
      client: flaky,
      outboundLog: store,
      sender,
      to: DEFAULT_HANDSET,
      markdown: LONG_REPLY,
      turnKey: 'SM4',
    });
    expect(resumed.parts[0]?.sentNow).toBe(false);
    expect(outbound()).toEqual(resumed.parts.map((part) => part.body));
  });

  it('sends a short reply as one part without numbering', async () => {
    await sendReply({
      client,
      outboundLog: store,
      sender,
      to: DEFAULT_HANDSET,
      markdown: 'You said: **hi**',
      turnKey: 'SM5',
    });
    expect(outbound()).toEqual(['You said: hi']);
  });

  it('sends nothing for an empty reply', async () => {
    const reply = await sendReply({
      client,
      outboundLog: store,
      sender,
      to: DEFAULT_HANDSET,
      markdown: '  \n',
      turnKey: 'SM6',
    });
    expect(reply.parts).toEqual([]);
    expect(outbound()).toEqual([]);
  });
});

describe('sendReplyParts', () => {
  it('sends the given parts exactly as they are, without formatting them again', async () => {
    const parts = ['**kept literally** (1/2)', 'second [part](x) (2/2)'];
    const reply = await sendReplyParts({
      client,
      outboundLog: store,
      sender,
      to: DEFAULT_HANDSET,
      parts,
      turnKey: 'SM7',
    });
    expect(outbound()).toEqual(parts);
    expect(reply.parts.map((part) => part.body)).toEqual(parts);
  });

  it('sends only the parts the outbound log does not hold yet', async () => {
    const parts = await formatReplyParts(LONG_REPLY, sender.textChunkLimit);
    await store.recordOutboundPart('default', 'SM8', {
      partIndex: 0,
      messageSid: 'SMearlier',
      to: DEFAULT_HANDSET,
    });
    const reply = await sendReplyParts({
      client,
      outboundLog: store,
      sender,
      to: DEFAULT_HANDSET,
      parts,
      turnKey: 'SM8',
    });
    expect(outbound()).toEqual(parts.slice(1));
    expect(reply.parts[0]).toMatchObject({ index: 0, sid: 'SMearlier', sentNow: false });
  });
});

describe('formatReplyParts', () => {
  it('cuts markdown into the numbered plain-text parts sendReply sends', async () => {
    const parts = await formatReplyParts(LONG_REPLY, 600);
    const reply = await sendReply({
      client,
      outboundLog: store,
      sender,
      to: DEFAULT_HANDSET,
      markdown: LONG_REPLY,
      turnKey: 'SM9',
    });
    expect(reply.parts.map((part) => part.body)).toEqual(parts);
    expect(await formatReplyParts(' \n', 600)).toEqual([]);
  });
});
