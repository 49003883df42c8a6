import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** A message as the Twilio stand-in records it (the sandbox's shape, reduced to what the scenarios read). */
export interface ScenarioMessage {
  sid: string;
  to: string;
  from: string | null;
  body: string;
  direction: string;
  status?: string;
  /** The media Twilio stored for it (an MMS sent or received). */
  media?: { contentType: string; size: number }[];
}

/** A file the host handed its assistant with a turn. */
export interface ScenarioMedia {
  path: string;
  contentType: string;
}

/** A fault of the media CDN (the sandbox's `media.cdn` faults). */
export type ScenarioCdnFault =
  | { route: 'media.cdn'; kind: 'oversized'; bytes?: number; chunked?: boolean; times: number }
  | { route: 'media.cdn'; kind: 'content-type'; contentType?: string; times: number };

/**
 * The Twilio stand-in the scenarios drive: `apps/sandbox` fits as it is. Typed structurally so this module
 * does not depend on the sandbox.
 */
export interface ScenarioTwilio {
  phones: {
    send(sms: {
      from: string;
      body: string;
      media?: { data: Uint8Array; contentType?: string; filename?: string }[];
    }): Promise<{ webhook: { attempts: { status: number | null }[] } | null }>;
    waitForMessage(criteria: {
      to?: string;
      body?: string | RegExp;
      status?: 'delivered';
      timeoutMs?: number;
    }): Promise<ScenarioMessage>;
    conversation(handset: string): ScenarioMessage[];
  };
  admin: {
    addFault(
      fault: { route: 'webhook.inbound'; kind: 'duplicate'; times: number } | ScenarioCdnFault,
    ): unknown;
    /** Every request the media CDN got, headers as received. */
    cdnRequests(): { headers: Record<string, string | string[] | undefined>; status: number | null }[];
  };
}

/** One host running the channel runtime, wired to a Twilio stand-in, under `dmPolicy: "pairing"`. */
export interface HostUnderTest {
  twilio: ScenarioTwilio;
  /** How many turns the host's assistant ran so far; it answers with `scenarioReply` (and `scenarioReplyMedia`). */
  turns(): number;
  /** The media the host's assistant got with each turn, in order (as the host hands them to it). */
  turnMedia(): ScenarioMedia[][];
  /** The text the host's assistant got with each turn, in order. */
  turnTexts(): string[];
  /** Approves a pairing code the way the owner does on this host. */
  approve(code: string): Promise<void>;
  /** Stops the host (the test's cleanup). */
  stop(): Promise<void>;
}

const HANDSET = '+12025550142';

/**
 * What the assistant of each host answers in the scenarios: `**Echo:** <text>` (markdown, to show it reaches
 * the phone as plain text), or ~3,000 characters of markdown for a text that starts with `long`.
 */
export function scenarioReply(text: string): string {
  if (!text.startsWith('long')) return `**Echo:** ${text}`;
  const body = 'lorem ipsum dolor sit amet, consectetur adipiscing elit '.repeat(6).trim();
  return Array.from(
    { length: 8 },
    (_, i) => `## Step ${i + 1}\n\n**Do this:** ${body}. See [the docs](https://example.com/${i + 1}).`,
  ).join('\n\n');
}
/** A real 1x1 PNG: what the handset attaches, and what the assistant sends back. */
export const SCENARIO_PICTURE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let picturePath: string | undefined;

/**
 * The local files the assistant of each host sends with its reply: the scenario picture for a text that starts
 * with `picture`, nothing otherwise.
 */
export function scenarioReplyMedia(text: string): string[] {
  if (!text.startsWith('picture')) return [];
  if (picturePath === undefined) {
    picturePath = join(tmpdir(), `sms-scenario-picture-${process.pid}.png`);
    writeFileSync(picturePath, SCENARIO_PICTURE);
  }
  return [picturePath];
}

const codeIn = (body: string) => /pairing approve sms (\S+)$/.exec(body)?.[1];

/** Every message the handset received, in order. */
function received(host: HostUnderTest, handset = HANDSET): string[] {
  return host.twilio.phones
    .conversation(handset)
    .filter((message) => message.to === handset)
    .map((message) => message.body);
}

async function pairAndApprove(host: HostUnderTest): Promise<void> {
  await host.twilio.phones.send({ from: HANDSET, body: 'hello' });
  const pairing = await host.twilio.phones.waitForMessage({ to: HANDSET, body: /pairing approve sms/ });
  await host.approve(codeIn(pairing.body) ?? '');
}

/**
 * The same end-to-end scenarios, run through each host (the standalone gateway, the OpenClaw plugin): both
 * call `createChannelRuntime`, so a behaviour fixed in the runtime is fixed for both, and this suite shows it.
 */
export function runHostScenarios(name: string, start: () => Promise<HostUnderTest>): void {
  describe(`host scenarios: ${name}`, () => {
    it('texts an unknown sender a pairing code, and answers them once the owner approved it', async () => {
      const host = await start();
      try {
        await host.twilio.phones.send({ from: HANDSET, body: 'hello' });
        const pairing = await host.twilio.phones.waitForMessage({ to: HANDSET, body: /pairing approve sms/ });
        expect(host.turns()).toBe(0);
        await host.approve(codeIn(pairing.body) ?? '');
        await host.twilio.phones.send({ from: HANDSET, body: 'what is 2+2' });
        await host.twilio.phones.waitForMessage({ to: HANDSET, body: 'Echo: what is 2+2' });
        expect(received(host)).toEqual([pairing.body, 'Echo: what is 2+2']);
        expect(host.turns()).toBe(1);
      } finally {
        await host.stop();
      }
    });

    it('answers a webhook Twilio delivered twice with one turn and one reply', async () => {
      const host = await start();
      try {
        await pairAndApprove(host);
        host.twilio.admin.addFault({ route: 'webhook.inbound', kind: 'duplicate', times: 1 });
        const sent = await host.twilio.phones.send({ from: HANDSET, body: 'once' });
        expect(sent.webhook?.attempts.map((attempt) => attempt.status)).toEqual([200, 200]);
        await host.twilio.phones.waitForMessage({ to: HANDSET, body: 'Echo: once' });
        await host.twilio.phones.send({ from: HANDSET, body: 'after' });
        await host.twilio.phones.waitForMessage({ to: HANDSET, body: 'Echo: after' });
        expect(received(host).filter((body) => body === 'Echo: once')).toHaveLength(1);
        expect(host.turns()).toBe(2);
      } finally {
        await host.stop();
      }
    });

    it('sends a long reply as numbered plain-text parts, in order', async () => {
      const host = await start();
      try {
        await pairAndApprove(host);
        await host.twilio.phones.send({ from: HANDSET, body: 'long answer please' });
        const last = await host.twilio.phones.waitForMessage({ to: HANDSET, body: /\((\d+)\/\1\)$/ });
        const parts = received(host).slice(1);
        const total = Number(/\/(\d+)\)$/.exec(last.body)?.[1]);
        expect(total).toBeGreaterThan(1);
        expect(parts).toHaveLength(total);
        expect(parts.map((body) => /\((\d+)\/\d+\)$/.exec(body)?.[1])).toEqual(
          parts.map((_, i) => String(i + 1)),
        );
        expect(parts.join('')).not.toMatch(/\*\*|\]\(/);
      } finally {
        await host.stop();
      }
    });

    it('handles STOP and START for a stranger, and pairs them after START', async () => {
      const host = await start();
      try {
        const stranger = '+12025550177';
        await host.twilio.phones.send({ from: stranger, body: 'STOP' });
        await host.twilio.phones.send({ from: stranger, body: 'hello?' });
        await host.twilio.phones.send({ from: stranger, body: 'START' });
        await host.twilio.phones.send({ from: stranger, body: 'hello again' });
        // One sender's messages are handled in order: the code is for the last text; STOP made no reply.
        await host.twilio.phones.waitForMessage({ to: stranger, body: /pairing approve sms/ });
        expect(received(host, stranger).filter((body) => /pairing approve sms/.test(body))).toHaveLength(1);
        expect(host.turns()).toBe(0);
      } finally {
        await host.stop();
      }
    });

    runMmsScenarios(start);
  });
}

function credentialsReachedCdn(host: HostUnderTest): boolean {
  return host.twilio.admin.cdnRequests().some((request) => request.headers.authorization !== undefined);
}

function runMmsScenarios(start: () => Promise<HostUnderTest>): void {
  it('hands a photo without caption to the assistant as an image, fetched without credentials at the CDN', async () => {
    const host = await start();
    try {
      await pairAndApprove(host);
      await host.twilio.phones.send({
        from: HANDSET,
        body: '',
        media: [{ data: SCENARIO_PICTURE, filename: 'cat.png' }],
      });
      await host.twilio.phones.waitForMessage({ to: HANDSET, body: /^Echo:/ });
      const [media] = host.turnMedia().slice(-1);
      expect(media?.map((item) => item.contentType)).toEqual(['image/png']);
      expect(Buffer.compare(readFileSync(media?.[0]?.path ?? ''), SCENARIO_PICTURE)).toBe(0);
      expect(host.turnTexts().at(-1)).toBe('');
      expect(host.twilio.admin.cdnRequests().length).toBeGreaterThan(0);
      expect(credentialsReachedCdn(host)).toBe(false);
    } finally {
      await host.stop();
    }
  });

  it('hands a photo with a caption to the assistant as the caption and the image', async () => {
    const host = await start();
    try {
      await pairAndApprove(host);
      await host.twilio.phones.send({ from: HANDSET, body: 'my cat', media: [{ data: SCENARIO_PICTURE }] });
      await host.twilio.phones.waitForMessage({ to: HANDSET, body: 'Echo: my cat' });
      expect(host.turnTexts().at(-1)).toBe('my cat');
      expect(
        host
          .turnMedia()
          .at(-1)
          ?.map((item) => item.contentType),
      ).toEqual(['image/png']);
    } finally {
      await host.stop();
    }
  });

  it('sends a reply with a picture as an MMS that Twilio fetches from the host and delivers', async () => {
    const host = await start();
    try {
      await pairAndApprove(host);
      await host.twilio.phones.send({ from: HANDSET, body: 'picture please' });
      const reply = await host.twilio.phones.waitForMessage({
        to: HANDSET,
        body: 'Echo: picture please',
        status: 'delivered',
      });
      const media = reply.media?.map(({ contentType, size }) => ({ contentType, size }));
      expect(media).toEqual([{ contentType: 'image/png', size: SCENARIO_PICTURE.length }]);
    } finally {
      await host.stop();
    }
  });

  it('refuses an oversized and a mistyped attachment with a notice, and keeps the good one and the text', async () => {
    const host = await start();
    try {
      await pairAndApprove(host);
      host.twilio.admin.addFault({
        route: 'media.cdn',
        kind: 'oversized',
        bytes: 6 * 1024 * 1024,
        chunked: true,
        times: 1,
      });
      await host.twilio.phones.send({
        from: HANDSET,
        body: 'three',
        media: [{ data: SCENARIO_PICTURE }, { data: SCENARIO_PICTURE }],
      });
      await host.twilio.phones.waitForMessage({ to: HANDSET, body: /^Echo: three/ });
      expect(host.turnTexts().at(-1)).toBe('three\n[1 attachment unavailable]');
      expect(host.turnMedia().at(-1)).toHaveLength(1);
      host.twilio.admin.addFault({
        route: 'media.cdn',
        kind: 'content-type',
        contentType: 'image/jpeg',
        times: 1,
      });
      await host.twilio.phones.send({ from: HANDSET, body: 'four', media: [{ data: SCENARIO_PICTURE }] });
      await host.twilio.phones.waitForMessage({ to: HANDSET, body: /^Echo: four/ });
      expect(host.turnTexts().at(-1)).toBe('four\n[1 attachment unavailable]');
      expect(host.turnMedia().at(-1)).toEqual([]);
      expect(credentialsReachedCdn(host)).toBe(false);
    } finally {
      await host.stop();
    }
  });
}
