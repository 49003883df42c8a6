import { describe, expect, it } from 'vitest';
import { startFastSandbox } from './__fixtures__/fast-sandbox.js';
import { GIF, JPEG, PNG } from './__fixtures__/media.js';
import { startTestMediaServer } from './__fixtures__/media-server.js';
import { basicAuthHeaders, sandboxTwilioClient } from './__fixtures__/twilio-client.js';
import { startTestWebhookReceiver } from './__fixtures__/webhook-receiver.js';
import { createSandbox } from './create-sandbox.js';
import { isSandboxInputError, isSandboxNotStartedError } from './errors.js';

const HANDSET = '+12025550142';

async function textPicture(options: Parameters<typeof startFastSandbox>[0] = {}) {
  const app = await startTestWebhookReceiver();
  const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms`, ...options });
  const { message } = await sandbox.phones.send({
    from: HANDSET,
    body: 'look',
    media: [{ data: PNG, contentType: 'image/png', filename: 'cat.png' }],
  });
  const [webhook] = await app.waitFor(1);
  return { app, sandbox, message, params: webhook?.params ?? {} };
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('inbound MMS webhooks', () => {
  it("carry NumMedia, and Twilio's own URL and the type of each media (MediaUrl0, MediaContentType0)", async () => {
    const { sandbox, message, params } = await textPicture();
    const [media] = sandbox.messages.media(message.sid);
    expect(message.sid).toMatch(/^MM[0-9a-f]{32}$/);
    expect(media?.sid).toMatch(/^ME[0-9a-f]{32}$/);
    expect(params).toMatchObject({
      NumMedia: '1',
      MediaUrl0: `${sandbox.url}/2010-04-01/Accounts/${sandbox.accountSid}/Messages/${message.sid}/Media/${media?.sid}`,
      MediaContentType0: 'image/png',
      Body: 'look',
    });
  });

  it('number the media from 0 to 9 in the order the handset attached them', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms` });
    const files = [PNG, GIF, JPEG, PNG, GIF, JPEG, PNG, GIF, JPEG, PNG].map((data) => ({ data }));
    await sandbox.phones.send({ from: HANDSET, body: '', media: files });
    const [webhook] = await app.waitFor(1);
    expect(webhook?.params.NumMedia).toBe('10');
    expect(webhook?.params.MediaContentType9).toBe('image/png');
    expect(webhook?.params.MediaContentType2).toBe('image/jpeg');
    expect(webhook?.params.MediaUrl10).toBeUndefined();
  });

  it('refuses an eleventh media as an input error naming media', async () => {
    const sandbox = await startFastSandbox();
    const error = await thrown(
      sandbox.phones.send({
        from: HANDSET,
        body: '',
        media: Array.from({ length: 11 }, () => ({ data: PNG })),
      }),
    );
    expect(isSandboxInputError(error) && error.field).toBe('media');
  });

  it("fetches a handset's media URL and posts Twilio's URL for it, with the type it was served as", async () => {
    const pictures = await startTestMediaServer({ '/beach': { contentType: 'image/gif', body: GIF } });
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms` });
    await sandbox.phones.send({ from: HANDSET, body: '', mediaUrls: [`${pictures.url}/beach`] });
    const [webhook] = await app.waitFor(1);
    expect(webhook?.params.MediaUrl0).toMatch(new RegExp(`^${sandbox.url}/2010-04-01/Accounts/AC`));
    expect(webhook?.params.MediaContentType0).toBe('image/gif');
    expect(pictures.requests).toMatchObject([{ method: 'GET', path: '/beach' }]);
  });

  it("refuses a handset's media URL that cannot be fetched, naming it", async () => {
    const pictures = await startTestMediaServer({});
    const sandbox = await startFastSandbox();
    const error = await thrown(
      sandbox.phones.send({ from: HANDSET, body: 'x', mediaUrls: [`${pictures.url}/missing.png`] }),
    );
    expect(isSandboxInputError(error) && error.field).toBe('mediaUrls[0]');
    expect(String(error)).toContain('HTTP 404');
    expect(sandbox.messages.list()).toEqual([]);
  });

  it('needs a started sandbox, since the media URLs carry its address', async () => {
    const sandbox = createSandbox();
    const error = await thrown(sandbox.phones.send({ from: HANDSET, body: '', media: [{ data: PNG }] }));
    expect(isSandboxNotStartedError(error)).toBe(true);
  });
});

describe('the media URL of a message (enforced HTTP auth, the default)', () => {
  it('answers 401 with code 20003 and WWW-Authenticate without the account credentials', async () => {
    const { params } = await textPicture();
    const response = await fetch(String(params.MediaUrl0), { redirect: 'manual' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="Twilio API"');
    expect(await response.json()).toMatchObject({ code: 20003, status: 401 });
  });

  it('redirects with 307 to the CDN, another origin on another loopback host, when authenticated', async () => {
    const { sandbox, params } = await textPicture();
    const response = await fetch(String(params.MediaUrl0), {
      headers: basicAuthHeaders(sandbox),
      redirect: 'manual',
    });
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin).toBe(sandbox.cdnUrl);
    expect(location.origin).not.toBe(new URL(sandbox.url).origin);
    if (process.platform === 'linux') expect(location.hostname).toBe('127.0.0.2');
    expect(location.pathname).toMatch(new RegExp(`^/${sandbox.accountSid}/[0-9a-f]{64}$`));
  });

  it('hands out a fresh CDN URL on every request', async () => {
    const { sandbox, params } = await textPicture();
    const locations = [];
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(String(params.MediaUrl0), {
        headers: basicAuthHeaders(sandbox),
        redirect: 'manual',
      });
      locations.push(response.headers.get('location'));
    }
    expect(locations[0]).not.toBe(locations[1]);
  });

  it('serves the bytes with their Content-Type from the CDN, which needs no credentials', async () => {
    const { sandbox, params } = await textPicture();
    const redirect = await fetch(String(params.MediaUrl0), {
      headers: basicAuthHeaders(sandbox),
      redirect: 'manual',
    });
    const media = await fetch(redirect.headers.get('location') ?? '');
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/png');
    expect(media.headers.get('content-disposition')).toBe('inline; filename="cat.png"');
    expect(new Uint8Array(await media.arrayBuffer())).toEqual(PNG);
  });

  it('records every CDN request with its headers, so a test sees whether credentials followed the redirect', async () => {
    const { sandbox, params } = await textPicture();
    const followed = await fetch(String(params.MediaUrl0), { headers: basicAuthHeaders(sandbox) });
    expect(followed.status).toBe(200);
    const redirect = await fetch(String(params.MediaUrl0), {
      headers: basicAuthHeaders(sandbox),
      redirect: 'manual',
    });
    await fetch(redirect.headers.get('location') ?? '', { headers: { authorization: 'Basic bGVha2Vk' } });
    const requests = sandbox.admin.cdnRequests();
    expect(requests).toHaveLength(2);
    // Node's fetch drops Authorization on a redirect to another origin, as the fetch standard asks.
    expect(requests[0]?.headers.authorization).toBeUndefined();
    expect(requests[0]).toMatchObject({ method: 'GET', status: 200, fault: null });
    expect(requests[1]?.headers.authorization).toBe('Basic bGVha2Vk');
    const overHttp = (await (await fetch(`${sandbox.url}/_sandbox/cdn/requests`)).json()) as {
      requests: Array<{ headers: Record<string, string> }>;
    };
    expect(overHttp.requests[1]?.headers.authorization).toBe('Basic bGVha2Vk');
  });

  it('lets a CDN URL expire after cdnUrlTtlMs (403), as Twilio short-lived URLs do after 4 hours', async () => {
    let now = new Date('2026-11-26T15:00:00Z');
    const { sandbox, params } = await textPicture({ now: () => now, cdnUrlTtlMs: 60_000 });
    const redirect = await fetch(String(params.MediaUrl0), {
      headers: basicAuthHeaders(sandbox),
      redirect: 'manual',
    });
    const location = redirect.headers.get('location') ?? '';
    expect((await fetch(location)).status).toBe(200);
    now = new Date('2026-11-26T15:01:00Z');
    const expired = await fetch(location);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('AccessDenied');
  });

  it('answers HEAD with the redirect, and the CDN answers HEAD with the length and no body', async () => {
    const { sandbox, params } = await textPicture();
    const redirect = await fetch(String(params.MediaUrl0), {
      method: 'HEAD',
      headers: basicAuthHeaders(sandbox),
      redirect: 'manual',
    });
    expect(redirect.status).toBe(307);
    const head = await fetch(redirect.headers.get('location') ?? '', { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(PNG.byteLength));
    expect(await head.text()).toBe('');
  });

  it('answers 404 (20404) for a media SID the message does not have', async () => {
    const { sandbox, message } = await textPicture();
    const response = await fetch(
      `${sandbox.url}/2010-04-01/Accounts/${sandbox.accountSid}/Messages/${message.sid}/Media/ME${'0'.repeat(32)}`,
      { headers: basicAuthHeaders(sandbox), redirect: 'manual' },
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 20404 });
  });
});

describe('the media URL of a message without enforced HTTP auth', () => {
  it('redirects anyone to the same permanent, unguessable CDN URL', async () => {
    const { sandbox, params } = await textPicture({ enforceMediaAuth: false });
    const first = await fetch(String(params.MediaUrl0), { redirect: 'manual' });
    const second = await fetch(String(params.MediaUrl0), { redirect: 'manual' });
    expect(first.status).toBe(307);
    expect(first.headers.get('location')).toBe(second.headers.get('location'));
    expect(first.headers.get('location')).toMatch(
      new RegExp(`^${sandbox.cdnUrl}/AC[0-9a-f]{32}/[0-9a-f]{64}$`),
    );
    const media = await fetch(String(params.MediaUrl0));
    expect(new Uint8Array(await media.arrayBuffer())).toEqual(PNG);
  });
});

describe('the Media subresource through the real twilio SDK', () => {
  it("lists and fetches a message's media as Twilio's Media resources", async () => {
    const { sandbox, message } = await textPicture();
    const client = sandboxTwilioClient(sandbox);
    const [listed] = await client.messages(message.sid).media.list();
    expect(listed).toMatchObject({
      accountSid: sandbox.accountSid,
      contentType: 'image/png',
      parentSid: message.sid,
      uri: `/2010-04-01/Accounts/${sandbox.accountSid}/Messages/${message.sid}/Media/${listed?.sid}.json`,
    });
    expect(listed?.dateCreated).toBeInstanceOf(Date);
    const fetched = await client
      .messages(message.sid)
      .media(listed?.sid ?? '')
      .fetch();
    expect(fetched.sid).toBe(listed?.sid);
  });

  it('shows num_media on the message resource', async () => {
    const { sandbox, message } = await textPicture();
    const fetched = await sandboxTwilioClient(sandbox).messages(message.sid).fetch();
    expect(fetched.numMedia).toBe('1');
    expect(fetched.numSegments).toBe('1');
  });

  it('deletes a media: its resource and its URLs answer 404 from then on', async () => {
    const { sandbox, message, params } = await textPicture({ enforceMediaAuth: false });
    const client = sandboxTwilioClient(sandbox);
    const location = (await fetch(String(params.MediaUrl0), { redirect: 'manual' })).headers.get('location');
    const [media] = await client.messages(message.sid).media.list();
    expect(
      await client
        .messages(message.sid)
        .media(media?.sid ?? '')
        .remove(),
    ).toBe(true);
    expect(await client.messages(message.sid).media.list()).toEqual([]);
    expect((await fetch(String(params.MediaUrl0), { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(location ?? '')).status).toBe(404);
  });
});

describe("a handset's media over the sandbox's HTTP API", () => {
  it('takes files as multipart/form-data, as the dev phone sends them', async () => {
    const app = await startTestWebhookReceiver();
    const sandbox = await startFastSandbox({ webhookUrl: `${app.url}/sms` });
    const form = new FormData();
    form.set('body', 'from the form');
    form.append('media', new Blob([PNG], { type: 'image/png' }), 'dot.png');
    form.append('media', new Blob([GIF], { type: '' }), 'anim.gif');
    const response = await fetch(`${sandbox.url}/_sandbox/phones/${HANDSET}/messages?wait=1`, {
      method: 'POST',
      body: form,
    });
    expect(response.status).toBe(200);
    const [webhook] = await app.waitFor(1);
    expect(webhook?.params).toMatchObject({
      Body: 'from the form',
      NumMedia: '2',
      MediaContentType0: 'image/png',
      MediaContentType1: 'image/gif',
    });
    const sid = String(webhook?.params.MessageSid);
    expect(sandbox.messages.media(sid).map((media) => media.filename)).toEqual(['dot.png', 'anim.gif']);
  });

  it('takes files as base64 in JSON', async () => {
    const sandbox = await startFastSandbox();
    const response = await fetch(`${sandbox.url}/_sandbox/phones/${HANDSET}/messages?wait=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        body: '',
        media: [{ data: Buffer.from(PNG).toString('base64'), filename: 'a.png' }],
      }),
    });
    const { message } = (await response.json()) as {
      message: { sid: string; media: Array<{ contentType: string }> };
    };
    expect(message.media).toMatchObject([{ contentType: 'image/png' }]);
  });

  it.each([
    [{ body: '', media: [{ data: '!!!' }] }, 'media[0].data'],
    [{ body: '', media: 'x' }, 'media'],
    [{ body: '', media: [{ data: 'AAAA', contentType: 7 }] }, 'media[0].contentType'],
    [{ body: '', mediaUrls: ['ftp://x/y.png'] }, 'mediaUrls[0]'],
  ])('answers %j with 400 naming %s', async (body, field) => {
    const sandbox = await startFastSandbox();
    const response = await fetch(`${sandbox.url}/_sandbox/phones/${HANDSET}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field } });
  });

  it("serves a media's bytes to the dev phone without credentials, outside the CDN's log", async () => {
    const { sandbox, message } = await textPicture();
    const [media] = sandbox.messages.media(message.sid);
    const response = await fetch(`${sandbox.url}/_sandbox/media/${media?.sid}`);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG);
    expect(sandbox.admin.cdnRequests()).toEqual([]);
  });

  it('forgets media and the CDN log on reset', async () => {
    const { sandbox, message, params } = await textPicture();
    await fetch(String(params.MediaUrl0), { headers: basicAuthHeaders(sandbox) });
    sandbox.admin.reset();
    expect(sandbox.messages.media(message.sid)).toEqual([]);
    expect(sandbox.admin.cdnRequests()).toEqual([]);
  });
});
