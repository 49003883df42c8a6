import { describe, expect, it } from 'vitest';
import { startFastSandbox } from './__fixtures__/fast-sandbox.js';
import { GIF, JPEG, PNG, pngOfSize, VCARD } from './__fixtures__/media.js';
import { type MediaAnswer, startTestMediaServer } from './__fixtures__/media-server.js';
import { sandboxTwilioClient } from './__fixtures__/twilio-client.js';
import { startTestWebhookReceiver } from './__fixtures__/webhook-receiver.js';
import type { Sandbox } from './create-sandbox.js';

const HANDSET = '+12025550142';
const UK_HANDSET = '+447700900123';
const NUMBER = '+12025550100';

async function rejection(promise: Promise<unknown>): Promise<{ status: number; code: number }> {
  try {
    await promise;
  } catch (error) {
    return error as { status: number; code: number };
  }
  throw new Error('expected the request to fail');
}

/** Sends an MMS of the media server's `paths` and waits until it reached a final status. */
async function sendMedia(
  files: Record<string, MediaAnswer>,
  paths: string[],
  options: { body?: string; to?: string; sandbox?: Parameters<typeof startFastSandbox>[0] } = {},
) {
  const server = await startTestMediaServer(files);
  const sandbox = await startFastSandbox(options.sandbox);
  const created = await sandboxTwilioClient(sandbox).messages.create({
    to: options.to ?? HANDSET,
    from: NUMBER,
    ...(options.body === undefined ? {} : { body: options.body }),
    mediaUrl: paths.map((path) => `${server.url}${path}`),
  });
  const final = await sandbox.phones.waitForMessage({
    where: (message) =>
      message.sid === created.sid && ['delivered', 'undelivered', 'failed'].includes(message.status),
  });
  return { server, sandbox, created, final };
}

async function mediaResource(sandbox: Sandbox, sid: string) {
  return sandboxTwilioClient(sandbox).messages(sid).fetch();
}

describe('outbound MMS: Messages create with MediaUrl', () => {
  it('accepts media without a Body, with an MM SID and num_media counting the URLs given', async () => {
    const { created } = await sendMedia({ '/cat.png': { contentType: 'image/png', body: PNG } }, [
      '/cat.png',
    ]);
    expect(created.sid).toMatch(/^MM[0-9a-f]{32}$/);
    expect(created.status).toBe('queued');
    expect(created.numMedia).toBe('1');
    expect(created.body).toBe('');
  });

  it("fetches each MediaUrl with GET and stores it as the message's Media, in order", async () => {
    const { server, sandbox, created, final } = await sendMedia(
      {
        '/a.png': { contentType: 'image/png', body: PNG },
        '/b.gif': { contentType: 'image/gif', body: GIF },
        '/c.vcf': { contentType: 'text/vcard', body: VCARD },
      },
      ['/a.png', '/b.gif', '/c.vcf'],
      { body: 'three things' },
    );
    expect(final.status).toBe('delivered');
    expect(server.requests.map((request) => `${request.method} ${request.path}`).sort()).toEqual([
      'GET /a.png',
      'GET /b.gif',
      'GET /c.vcf',
    ]);
    const media = await sandboxTwilioClient(sandbox).messages(created.sid).media.list();
    expect(media.map((item) => item.contentType)).toEqual(['image/png', 'image/gif', 'text/vcard']);
    expect(sandbox.messages.media(created.sid).map((item) => item.data)).toEqual([PNG, GIF, VCARD]);
    expect((await mediaResource(sandbox, created.sid)).numMedia).toBe('3');
    expect(final.numSegments).toBe(1);
  });

  it('follows redirects to the media', async () => {
    const { final, sandbox } = await sendMedia(
      { '/short': { redirectTo: '/real.jpg' }, '/real.jpg': { contentType: 'image/jpeg', body: JPEG } },
      ['/short'],
    );
    expect(final.status).toBe('delivered');
    expect(sandbox.messages.media(final.sid)).toMatchObject([
      { contentType: 'image/jpeg', filename: 'short' },
    ]);
  });

  it('sends the status callbacks as for an SMS: queued, sent, delivered', async () => {
    const app = await startTestWebhookReceiver();
    const server = await startTestMediaServer({ '/a.png': { contentType: 'image/png', body: PNG } });
    const sandbox = await startFastSandbox();
    await sandboxTwilioClient(sandbox).messages.create({
      to: HANDSET,
      from: NUMBER,
      mediaUrl: [`${server.url}/a.png`],
      statusCallback: `${app.url}/status`,
    });
    const callbacks = await app.waitFor(3);
    expect(callbacks.map((callback) => callback.params.MessageStatus)).toEqual([
      'queued',
      'sent',
      'delivered',
    ]);
  });

  it('refuses an eleventh MediaUrl with 400 and code 21623, sending nothing', async () => {
    const sandbox = await startFastSandbox();
    const error = await rejection(
      sandboxTwilioClient(sandbox).messages.create({
        to: HANDSET,
        from: NUMBER,
        mediaUrl: Array.from({ length: 11 }, (_, i) => `https://media.example/${i}.png`),
      }),
    );
    expect(error).toMatchObject({ status: 400, code: 21623 });
    expect(sandbox.messages.list()).toEqual([]);
  });
});

describe("outbound MMS that break Twilio's media rules fail after they were accepted", () => {
  it.each([
    ['a MediaUrl answering 404', 11200, { '/x': { status: 404, body: 'no' } }],
    [
      'a type Twilio does not accept (text/html)',
      12300,
      { '/x': { contentType: 'text/html', body: '<p>hi</p>' } },
    ],
    ['no Content-Type at all', 12300, { '/x': { body: PNG } }],
    ['a PNG served as image/jpeg', 12300, { '/x': { contentType: 'image/jpeg', body: PNG } }],
    [
      'an image over 5 MB',
      11751,
      { '/x': { contentType: 'image/png', body: pngOfSize(5 * 1024 * 1024 + 1) } },
    ],
    [
      'a vCard over 500 KB (types other than jpeg, png, gif)',
      11751,
      { '/x': { contentType: 'text/vcard', body: 'x'.repeat(500 * 1024 + 1) } },
    ],
  ] as Array<[string, number, Record<string, MediaAnswer>]>)(
    '%s: failed, error %i',
    async (_, code, files) => {
      const { final, sandbox } = await sendMedia(files, ['/x'], { body: 'see attached' });
      expect(final).toMatchObject({ status: 'failed', errorCode: code, media: [] });
      expect((await mediaResource(sandbox, final.sid)).numMedia).toBe('0');
      expect(sandbox.admin.alerts()).toMatchObject([{ errorCode: code, messageSid: final.sid }]);
    },
  );

  it('fails with 11751 when the media together pass 5 MB, though each is under it', async () => {
    const big = { contentType: 'image/png', body: pngOfSize(3 * 1024 * 1024) };
    const { final } = await sendMedia({ '/a': big, '/b': big }, ['/a', '/b']);
    expect(final).toMatchObject({ status: 'failed', errorCode: 11751 });
  });

  it('fails with 11200 when a MediaUrl does not answer within mediaFetchTimeoutMs', async () => {
    const { final, sandbox } = await sendMedia(
      { '/slow': { contentType: 'image/png', body: PNG, delayMs: 2_000 } },
      ['/slow'],
      { sandbox: { mediaFetchTimeoutMs: 100 } },
    );
    expect(final).toMatchObject({ status: 'failed', errorCode: 11200 });
    expect(sandbox.admin.alerts()[0]?.detail).toContain('timeout after 100 ms');
  });

  it('tells the status callback failed with the ErrorCode', async () => {
    const app = await startTestWebhookReceiver();
    const server = await startTestMediaServer({});
    const sandbox = await startFastSandbox();
    await sandboxTwilioClient(sandbox).messages.create({
      to: HANDSET,
      from: NUMBER,
      mediaUrl: [`${server.url}/gone.png`],
      statusCallback: `${app.url}/status`,
    });
    const callbacks = await app.waitFor(2);
    expect(callbacks.map((callback) => [callback.params.MessageStatus, callback.params.ErrorCode])).toEqual([
      ['queued', undefined],
      ['failed', '11200'],
    ]);
  });
});

describe('media to a handset outside the US and Canada', () => {
  it("goes as an SMS with links to the media, Twilio's MMS Converter (on by default)", async () => {
    const { final, sandbox } = await sendMedia(
      { '/a.png': { contentType: 'image/png', body: PNG } },
      ['/a.png'],
      {
        body: 'x'.repeat(100),
        to: UK_HANDSET,
      },
    );
    expect(final).toMatchObject({ status: 'delivered', mmsConverted: true });
    expect(final.media).toHaveLength(1);
    // 100 characters and a link of over 60: more than one GSM-7 segment holds, billed as SMS (an MMS is 1).
    expect(final.numSegments).toBe(2);
    expect((await mediaResource(sandbox, final.sid)).numMedia).toBe('1');
  });

  it('is refused with 400 and code 21612 when the MMS Converter is off', async () => {
    const sandbox = await startFastSandbox({ mmsConverter: false });
    const error = await rejection(
      sandboxTwilioClient(sandbox).messages.create({
        to: UK_HANDSET,
        from: NUMBER,
        mediaUrl: ['https://media.example/a.png'],
      }),
    );
    expect(error).toMatchObject({ status: 400, code: 21612 });
  });
});
