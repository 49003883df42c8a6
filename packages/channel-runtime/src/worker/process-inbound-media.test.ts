import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type SqliteGatewayStore } from '@sms-channel/store';
import { TwilioMediaError } from '@sms-channel/twilio-messaging';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStoreSenderAccess } from '../access/store-sender-access.js';
import type { Agent, AgentTurn } from '../agent/agent.js';
import { ACCOUNT_SID, account, HANDSET, inboundForm } from '../ingress/__fixtures__/webhook-server.js';
import { silentLogger } from '../logger.js';
import { createChannelMedia } from '../media/channel-media.js';
import type { InboundMediaResult } from '../media/fetch-inbound-media.js';
import type { LegacyDraftMedia } from '../media/legacy-draft-media.js';
import type { OutboundSender } from '../reply/outbound-sender.js';
import { createRecordingLogger } from '../testing/recording-logger.js';
import { type InboundMediaRequest, type ProcessInboundDeps, processInbound } from './process-inbound.js';

const PHOTO_URL = 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME1';
const mmsForm = (body: string) =>
  inboundForm({ Body: body, NumMedia: '1', MediaUrl0: PHOTO_URL, MediaContentType0: 'image/jpeg' });
const photo = { url: PHOTO_URL, path: '/media/0-ME1.jpg', contentType: 'image/jpeg', size: 1234 };

let store: SqliteGatewayStore;
let dir: string;
let sends: { parts: readonly string[]; mediaUrls: readonly string[] | undefined; turnKey: string }[];
let outbound: OutboundSender;
let turns: AgentTurn[];
let fetches: InboundMediaRequest[];
/** The draft keys the legacy side-file loader was asked about. */
let legacyLoads: string[];

beforeEach(async () => {
  store = await openStore(':memory:');
  dir = await mkdtemp(join(tmpdir(), 'runtime-media-'));
  sends = [];
  turns = [];
  fetches = [];
  legacyLoads = [];
  outbound = {
    send: async (_account, _to, parts, turnKey, options) => {
      sends.push({ parts, mediaUrls: options?.mediaUrls, turnKey });
      return { parts: parts.map((body, index) => ({ index, body, sid: `SM${index}`, sentNow: true })) };
    },
  };
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function agent(reply: Awaited<ReturnType<Agent['reply']>> = { text: 'got it' }): Agent {
  return {
    kind: 'test',
    reply: async (turn) => {
      turns.push(turn);
      return reply;
    },
  };
}

function deps(
  inbound: (request: InboundMediaRequest) => InboundMediaResult,
  overrides: Partial<ProcessInboundDeps> = {},
): ProcessInboundDeps {
  const accounts = [account({ dmPolicy: 'pairing' })];
  return {
    account: (id) => accounts.find((a) => a.accountId === id),
    optOuts: store,
    access: createStoreSenderAccess({ pairing: store.pairing }),
    agent: agent(),
    outbound,
    drafts: store,
    inboundMedia: async (request) => {
      fetches.push(request);
      return inbound(request);
    },
    replyMedia: { host: undefined, legacyDrafts: recordingLegacyDrafts(), logger: silentLogger },
    ...overrides,
  };
}

/** The channel media's legacy loader over the test's media directory, noting each key it is asked about. */
function recordingLegacyDrafts(): LegacyDraftMedia {
  const legacy = createChannelMedia({ directory: join(dir, 'media') }).legacyDrafts;
  return {
    load: (accountId, turnKey, parts) => {
      legacyLoads.push(turnKey);
      return legacy.load(accountId, turnKey, parts);
    },
  };
}

/** Writes a draft's media as releases before store schema 6 did: beside the draft, in `<media dir>/drafts`. */
async function writeLegacyRecord(
  turnKey: string,
  parts: string[],
  media: { urls: string[]; tokens: string[] },
) {
  const name = createHash('sha256')
    .update(JSON.stringify(['default', turnKey, parts]))
    .digest('hex');
  await mkdir(join(dir, 'media', 'drafts'), { recursive: true });
  await writeFile(join(dir, 'media', 'drafts', `${name}.json`), JSON.stringify(media));
}

async function claim(form: Record<string, string>) {
  await store.admitInbound('default', form.MessageSid as string, form);
  const claimed = await store.claimInbound();
  if (claimed === null) throw new Error('nothing claimed');
  return claimed;
}

const fetched = (): InboundMediaResult => ({ media: [photo], unavailable: [] });

describe('processInbound with media', () => {
  it('never fetches the media of a sender waiting for pairing', async () => {
    const outcome = await processInbound(await claim(mmsForm('hi')), deps(fetched));
    expect(outcome).toMatchObject({ result: 'pairing-code-sent' });
    expect(fetches).toEqual([]);
  });

  it('hands a photo without caption to the agent as media, with empty text', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const outcome = await processInbound(await claim(mmsForm('')), deps(fetched));
    expect(outcome).toMatchObject({ result: 'replied' });
    expect(turns[0]).toMatchObject({ text: '', media: [photo] });
  });

  it('runs the turn with a notice when a media cannot be had for good', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const refused = new TwilioMediaError('too-large', 'Refused media: over 5 MiB', {
      url: PHOTO_URL,
      retryable: false,
    });
    const outcome = await processInbound(
      await claim(mmsForm('look')),
      deps(() => ({ media: [], unavailable: [refused] })),
    );
    expect(outcome).toMatchObject({ result: 'replied' });
    expect(turns[0]).toMatchObject({ text: 'look\n[1 attachment unavailable]', media: [] });
  });

  it('sends the message back to the queue on a retryable failure, without running the agent', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const busy = new TwilioMediaError('http-status', 'HTTP 503', {
      url: PHOTO_URL,
      retryable: true,
      status: 503,
    });
    const outcome = await processInbound(
      await claim(mmsForm('look')),
      deps(() => ({ media: [], unavailable: [], retry: busy })),
    );
    expect(outcome).toMatchObject({ action: 'retry' });
    expect(turns).toEqual([]);
  });

  it('tells the fetch which claim of the message this is', async () => {
    await store.pairing.addApproved('default', HANDSET);
    await processInbound(await claim(mmsForm('look')), deps(fetched));
    expect(fetches[0]).toMatchObject({ attempt: 1, messageSid: expect.stringMatching(/^SM/) });
  });

  it('sends the media of a reply with its first part only', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const reply = { text: `here ${'word '.repeat(400)}`, media: [{ url: 'https://cdn.example/cat.jpg' }] };
    await processInbound(await claim(mmsForm('cat?')), deps(fetched, { agent: agent(reply) }));
    expect(sends).toHaveLength(1);
    expect(sends[0]?.parts.length).toBeGreaterThan(1);
    expect(sends[0]?.mediaUrls).toEqual(['https://cdn.example/cat.jpg']);
  });

  it('saves the MediaUrls of a reply in its draft and sends them from it, asking no side file', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const reply = { text: 'a cat', media: [{ url: 'https://cdn.example/cat.jpg' }] };
    const claimed = await claim(mmsForm('cat?'));
    await processInbound(claimed, deps(fetched, { agent: agent(reply) }));
    expect((await store.getReplyDraft('default', claimed.messageSid))?.media).toEqual({
      urls: ['https://cdn.example/cat.jpg'],
      tokens: [],
    });
    expect(sends[0]?.mediaUrls).toEqual(['https://cdn.example/cat.jpg']);
    expect(legacyLoads).toEqual([]);
  });

  it('sends a reply without media with no media and no look for a side file', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const claimed = await claim(mmsForm('hi'));
    expect(await processInbound(claimed, deps(fetched))).toMatchObject({ result: 'replied' });
    expect(sends).toEqual([{ parts: ['got it'], mediaUrls: undefined, turnKey: claimed.messageSid }]);
    expect(await store.getReplyDraft('default', claimed.messageSid)).not.toHaveProperty('media');
    expect(legacyLoads).toEqual([]);
  });

  it('sends a reply of media alone as one MMS with an empty body', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const reply = { text: '', media: [{ url: 'https://cdn.example/cat.jpg' }] };
    const outcome = await processInbound(
      await claim(mmsForm('cat?')),
      deps(fetched, { agent: agent(reply) }),
    );
    expect(outcome).toMatchObject({ result: 'replied' });
    expect(sends[0]).toMatchObject({ parts: [''], mediaUrls: ['https://cdn.example/cat.jpg'] });
  });

  it('resumes a reply from its draft with the same media after the first send failed', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const reply = { text: 'a cat', media: [{ url: 'https://cdn.example/cat.jpg' }] };
    let fail = true;
    const flaky: OutboundSender = {
      send: async (...args) => {
        if (fail) {
          fail = false;
          throw new Error('connection reset');
        }
        return outbound.send(...args);
      },
    };
    const claimed = await claim(mmsForm('cat?'));
    const first = await processInbound(claimed, deps(fetched, { agent: agent(reply), outbound: flaky }));
    expect(first).toMatchObject({ action: 'retry' });
    const again = await processInbound(
      claimed,
      deps(fetched, { agent: agent({ text: 'other' }), outbound: flaky }),
    );
    expect(again).toMatchObject({ result: 'replied', detail: { fromSavedDraft: true } });
    expect(sends).toEqual([
      { parts: ['a cat'], mediaUrls: ['https://cdn.example/cat.jpg'], turnKey: claimed.messageSid },
    ]);
    expect(turns).toHaveLength(1);
  });

  it('resumes a saved draft with the media stored in it, without running the agent or asking a side file', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const claimed = await claim(mmsForm('cat?'));
    const media = { urls: ['https://cdn.example/cat.jpg'], tokens: [] };
    await store.saveReplyDraft('default', claimed.messageSid, { to: HANDSET, parts: ['a cat'], media });
    const outcome = await processInbound(claimed, deps(fetched, { agent: agent({ text: 'other' }) }));
    expect(outcome).toMatchObject({ result: 'replied', detail: { fromSavedDraft: true } });
    expect(sends).toEqual([
      { parts: ['a cat'], mediaUrls: ['https://cdn.example/cat.jpg'], turnKey: claimed.messageSid },
    ]);
    expect(turns).toEqual([]);
    expect(legacyLoads).toEqual([]);
  });

  it('resumes a draft an earlier release saved with its media beside it, with those media', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const claimed = await claim(mmsForm('cat?'));
    await store.saveReplyDraft('default', claimed.messageSid, { to: HANDSET, parts: ['a cat'] });
    await writeLegacyRecord(claimed.messageSid, ['a cat'], {
      urls: ['https://cdn.example/cat.jpg'],
      tokens: [],
    });
    const outcome = await processInbound(claimed, deps(fetched, { agent: agent({ text: 'other' }) }));
    expect(outcome).toMatchObject({ result: 'replied', detail: { fromSavedDraft: true } });
    expect(sends).toEqual([
      { parts: ['a cat'], mediaUrls: ['https://cdn.example/cat.jpg'], turnKey: claimed.messageSid },
    ]);
    expect(turns).toEqual([]);
  });

  it('resumes a draft without media and without a side file as text alone', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const claimed = await claim(mmsForm('hi'));
    await store.saveReplyDraft('default', claimed.messageSid, { to: HANDSET, parts: ['hello'] });
    expect(await processInbound(claimed, deps(fetched))).toMatchObject({ result: 'replied' });
    expect(sends).toEqual([{ parts: ['hello'], mediaUrls: undefined, turnKey: claimed.messageSid }]);
    expect(legacyLoads).toEqual([claimed.messageSid]);
  });

  it('sends the media of a reply to a number outside the US and Canada as links in the text', async () => {
    const abroad = '+447700900123';
    await store.pairing.addApproved('default', abroad);
    const reply = { text: 'a cat', media: [{ url: 'https://cdn.example/cat.jpg' }] };
    await processInbound(
      await claim({ ...mmsForm('cat?'), From: abroad }),
      deps(fetched, { agent: agent(reply) }),
    );
    expect(sends[0]).toMatchObject({ parts: ['a cat\n\nhttps://cdn.example/cat.jpg'], mediaUrls: undefined });
  });

  it('sends the text with a notice when a reply has more media than Twilio takes', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const media = Array.from({ length: 11 }, (_, i) => ({ url: `https://cdn.example/${i}.jpg` }));
    await processInbound(
      await claim(mmsForm('cats?')),
      deps(fetched, { agent: agent({ text: 'cats', media }) }),
    );
    expect(sends[0]).toMatchObject({ parts: ['cats\n\n[11 attachments not sent]'], mediaUrls: undefined });
  });

  it('refuses media on another host and of another account with their reasons, asking nobody, and runs the turn', async () => {
    await store.pairing.addApproved('default', HANDSET);
    const media = createChannelMedia({ directory: join(dir, 'media') });
    const logger = createRecordingLogger();
    const form = inboundForm({ Body: 'look', NumMedia: '2' });
    const path = (accountSid: string) =>
      `/2010-04-01/Accounts/${accountSid}/Messages/${form.MessageSid}/Media/ME${'1'.repeat(32)}`;
    form.MediaUrl0 = `https://media.evil.example${path(ACCOUNT_SID)}`;
    form.MediaUrl1 = `https://api.twilio.com${path(`AC${'9'.repeat(32)}`)}`;
    const outcome = await processInbound(
      await claim(form),
      deps(() => ({ media: [], unavailable: [] }), {
        inboundMedia: (request) => media.fetchInbound(request, logger),
      }),
    );
    expect(outcome).toMatchObject({ result: 'replied' });
    expect(turns[0]).toMatchObject({ text: 'look\n[2 attachments unavailable]', media: [] });
    const reasons = logger.lines.filter((line) => line.message === 'inbound media unavailable');
    expect(reasons.map((line) => line.fields.reason)).toEqual([
      expect.stringContaining('not on the Twilio API origin https://api.twilio.com'),
      expect.stringContaining(`it names account AC${'9'.repeat(32)}, not ${ACCOUNT_SID}`),
    ]);
  });
});
