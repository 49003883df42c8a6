import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeMediaApi,
  jpegBytes,
  MEDIA_ACCOUNT_SID,
  mediaSid,
  pngBytes,
  startFakeMediaApi,
} from './__fixtures__/fake-media-api.js';
import { type FetchTwilioMediaOptions, fetchTwilioMedia } from './fetch-twilio-media.js';
import { isTwilioMediaError, type TwilioMediaError } from './twilio-media-error.js';

let api: FakeMediaApi;
let dir: string;
beforeAll(async () => {
  api = await startFakeMediaApi();
});
afterAll(() => api.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'media-'));
  api.apiRequests.length = 0;
  api.cdnRequests.length = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function options(sid: string, extra: Partial<FetchTwilioMediaOptions> = {}): FetchTwilioMediaOptions {
  return {
    url: api.mediaUrl(sid),
    accountSid: api.accountSid,
    authToken: api.authToken,
    messageSid: api.messageSid,
    twilioApiBaseUrl: api.apiUrl,
    directory: dir,
    name: '0',
    maxBytes: 5 * 1024 * 1024,
    ...extra,
  };
}

async function failure(work: Promise<unknown>): Promise<TwilioMediaError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!isTwilioMediaError(error)) throw new Error(`expected a TwilioMediaError, got ${String(error)}`);
  return error;
}

describe('fetchTwilioMedia', () => {
  it('follows the redirect to the CDN and writes the bytes to a file named by the media type', async () => {
    const data = pngBytes(200_000);
    api.serve(mediaSid(1), { kind: 'bytes', data, contentType: 'image/png' });
    const fetched = await fetchTwilioMedia(options(mediaSid(1)));
    expect(fetched).toMatchObject({ contentType: 'image/png', size: 200_000, mediaSid: mediaSid(1) });
    expect(fetched.path).toBe(join(dir, '0.png'));
    expect(Buffer.compare(await readFile(fetched.path), Buffer.from(data))).toBe(0);
  });

  it('sends Basic auth to the Twilio API and never to the CDN', async () => {
    api.serve(mediaSid(2), { kind: 'bytes', data: jpegBytes(), contentType: 'image/jpeg' });
    await fetchTwilioMedia(options(mediaSid(2)));
    expect(api.apiRequests[0]?.headers.authorization).toMatch(/^Basic /);
    expect(api.cdnRequests).toHaveLength(1);
    expect(api.cdnRequests[0]?.headers.authorization).toBeUndefined();
  });

  it('refuses a URL on another origin without requesting anything', async () => {
    const url = api.mediaUrl(mediaSid(3)).replace(api.apiUrl, api.cdnUrl);
    const error = await failure(fetchTwilioMedia({ ...options(mediaSid(3)), url }));
    expect(error).toMatchObject({ reason: 'url-refused', retryable: false });
    expect(api.apiRequests.length + api.cdnRequests.length).toBe(0);
  });

  it('refuses a URL of another account', async () => {
    const url = api.mediaUrl(mediaSid(3)).replace(MEDIA_ACCOUNT_SID, `AC${'9'.repeat(32)}`);
    const error = await failure(fetchTwilioMedia({ ...options(mediaSid(3)), url }));
    expect(error.reason).toBe('url-refused');
    expect(error.message).toContain(`not ${MEDIA_ACCOUNT_SID}`);
  });

  it('refuses a URL of another message', async () => {
    const error = await failure(
      fetchTwilioMedia({ ...options(mediaSid(3)), messageSid: `MM${'d'.repeat(32)}` }),
    );
    expect(error.reason).toBe('url-refused');
    expect(api.apiRequests).toHaveLength(0);
  });

  it('refuses a path that is not a Media URL', async () => {
    const url = `${api.apiUrl}/2010-04-01/Accounts/${api.accountSid}/Messages.json`;
    const error = await failure(fetchTwilioMedia({ ...options(mediaSid(3)), url }));
    expect(error.reason).toBe('url-refused');
  });

  it('stops a body past the cap even when Content-Length says it is small, and leaves no file', async () => {
    api.serve(mediaSid(4), {
      kind: 'bytes',
      data: pngBytes(300_000),
      contentType: 'image/png',
      chunked: true,
    });
    const error = await failure(fetchTwilioMedia(options(mediaSid(4), { maxBytes: 100_000 })));
    expect(error).toMatchObject({ reason: 'too-large', retryable: false });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses at once a body whose Content-Length is over the cap', async () => {
    api.serve(mediaSid(5), { kind: 'bytes', data: pngBytes(300_000), contentType: 'image/png' });
    const error = await failure(fetchTwilioMedia(options(mediaSid(5), { maxBytes: 100_000 })));
    expect(error.reason).toBe('too-large');
  });

  it('refuses an "image" whose bytes are something else', async () => {
    api.serve(mediaSid(6), {
      kind: 'bytes',
      data: Buffer.from('<html>gotcha</html>'),
      contentType: 'image/png',
    });
    const error = await failure(fetchTwilioMedia(options(mediaSid(6))));
    expect(error).toMatchObject({ reason: 'content-type-mismatch', retryable: false });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a PNG served as a JPEG', async () => {
    api.serve(mediaSid(7), { kind: 'bytes', data: pngBytes(), contentType: 'image/jpeg' });
    const error = await failure(fetchTwilioMedia(options(mediaSid(7))));
    expect(error.message).toContain('served as image/jpeg but its bytes are image/png');
  });

  it('keeps the declared type of a text format no signature can tell', async () => {
    const card = Buffer.from('BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEND:VCARD\n');
    api.serve(mediaSid(8), { kind: 'bytes', data: card, contentType: 'text/vcard' });
    const fetched = await fetchTwilioMedia(options(mediaSid(8)));
    expect(fetched).toMatchObject({ contentType: 'text/vcard', path: join(dir, '0.vcf') });
  });

  it('takes the type the bytes are when the answer declares none', async () => {
    api.serve(mediaSid(9), { kind: 'bytes', data: jpegBytes() });
    const fetched = await fetchTwilioMedia(options(mediaSid(9), { contentType: undefined }));
    expect(fetched.contentType).toBe('image/jpeg');
  });

  it('says a 5xx from the CDN is worth retrying', async () => {
    api.serve(mediaSid(10), { kind: 'status', status: 503 });
    const error = await failure(fetchTwilioMedia(options(mediaSid(10))));
    expect(error).toMatchObject({ reason: 'http-status', status: 503, retryable: true });
  });

  it('says a 429 from the API is worth retrying and a 404 is not', async () => {
    api.apiAnswer(mediaSid(11), { status: 429 });
    api.serve(mediaSid(12), { kind: 'status', status: 404 });
    expect(await failure(fetchTwilioMedia(options(mediaSid(11))))).toMatchObject({
      status: 429,
      retryable: true,
    });
    expect(await failure(fetchTwilioMedia(options(mediaSid(12))))).toMatchObject({
      status: 404,
      retryable: false,
    });
  });

  it('gives up after the time limit, retryably', async () => {
    api.serve(mediaSid(13), { kind: 'hang' });
    const error = await failure(fetchTwilioMedia(options(mediaSid(13), { timeoutMs: 200 })));
    expect(error).toMatchObject({ reason: 'timeout', retryable: true });
  });

  it('refuses a redirect from https to http', async () => {
    const calls: string[] = [];
    const fake: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(null, { status: 307, headers: { location: 'http://cdn.example/x' } });
    };
    const base = 'https://api.twilio.com';
    const url = `${base}/2010-04-01/Accounts/${api.accountSid}/Messages/${api.messageSid}/Media/${mediaSid(14)}`;
    const error = await failure(
      fetchTwilioMedia({ ...options(mediaSid(14)), url, twilioApiBaseUrl: base, fetch: fake }),
    );
    expect(error).toMatchObject({ reason: 'redirect-refused', retryable: false });
    expect(calls).toEqual([url]);
  });

  it('stops after too many redirects', async () => {
    api.apiAnswer(mediaSid(15), { status: 302, headers: { location: api.mediaUrl(mediaSid(15)) } });
    const error = await failure(fetchTwilioMedia(options(mediaSid(15), { maxRedirects: 3 })));
    expect(error.reason).toBe('redirect-refused');
    expect(api.apiRequests).toHaveLength(4);
  });
});
