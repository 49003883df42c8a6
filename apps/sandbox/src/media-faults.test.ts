import { describe, expect, it } from 'vitest';
import { startFastSandbox } from './__fixtures__/fast-sandbox.js';
import { PNG } from './__fixtures__/media.js';
import { basicAuthHeaders } from './__fixtures__/twilio-client.js';
import type { Sandbox } from './create-sandbox.js';
import type { FaultInput } from './fault-rules.js';

const HANDSET = '+12025550142';

/** A handset's picture, and the CDN URL its media URL redirects to. */
async function pictureOnCdn(
  fault?: FaultInput,
): Promise<{ sandbox: Sandbox; mediaUrl: string; cdnUrl: string }> {
  const sandbox = await startFastSandbox();
  const { message } = await sandbox.phones.send({ from: HANDSET, body: '', media: [{ data: PNG }] });
  const [media] = sandbox.messages.media(message.sid);
  const mediaUrl = `${sandbox.url}/2010-04-01/Accounts/${sandbox.accountSid}/Messages/${message.sid}/Media/${media?.sid}`;
  const redirect = await fetch(mediaUrl, { headers: basicAuthHeaders(sandbox), redirect: 'manual' });
  if (fault) sandbox.admin.addFault(fault);
  return { sandbox, mediaUrl, cdnUrl: redirect.headers.get('location') ?? '' };
}

describe('faults on the media CDN (route media.cdn)', () => {
  it('answers an injected status with a storage error document, and records the fault', async () => {
    const { sandbox, cdnUrl } = await pictureOnCdn({
      route: 'media.cdn',
      kind: 'status',
      status: 503,
      times: 1,
    });
    const failed = await fetch(cdnUrl);
    expect(failed.status).toBe(503);
    expect(await failed.text()).toContain('<Error>');
    expect((await fetch(cdnUrl)).status).toBe(200);
    expect(sandbox.admin.cdnRequests().map((request) => [request.status, request.fault])).toEqual([
      [503, 'status'],
      [200, null],
    ]);
  });

  it('answers 404 when asked to, as a storage host that lost the object', async () => {
    const { cdnUrl } = await pictureOnCdn({ route: 'media.cdn', kind: 'status', status: 404 });
    expect((await fetch(cdnUrl)).status).toBe(404);
  });

  it('serves far more bytes than the media (oversized, 6 MiB by default) with a matching Content-Length', async () => {
    const { cdnUrl } = await pictureOnCdn({ route: 'media.cdn', kind: 'oversized' });
    const response = await fetch(cdnUrl);
    expect(response.headers.get('content-length')).toBe(String(6 * 1024 * 1024));
    expect((await response.arrayBuffer()).byteLength).toBe(6 * 1024 * 1024);
  });

  it('serves an oversized body without Content-Length when chunked, so only counting finds out', async () => {
    const { cdnUrl } = await pictureOnCdn({
      route: 'media.cdn',
      kind: 'oversized',
      bytes: 70_000,
      chunked: true,
    });
    const response = await fetch(cdnUrl);
    expect(response.headers.get('content-length')).toBeNull();
    expect((await response.arrayBuffer()).byteLength).toBe(70_000);
  });

  it('serves the media under a wrong Content-Type (text/html by default)', async () => {
    const { cdnUrl } = await pictureOnCdn({ route: 'media.cdn', kind: 'content-type' });
    const response = await fetch(cdnUrl);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG);
  });

  it('waits before answering when slowed down', async () => {
    const { cdnUrl } = await pictureOnCdn({ route: 'media.cdn', kind: 'latency', ms: 150 });
    const started = performance.now();
    expect((await fetch(cdnUrl)).status).toBe(200);
    // A lower bound only: timers never fire early, so this holds on any machine however busy.
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('drops the connection without an answer', async () => {
    const { sandbox, cdnUrl } = await pictureOnCdn({ route: 'media.cdn', kind: 'drop' });
    await expect(fetch(cdnUrl)).rejects.toThrow();
    expect(sandbox.admin.cdnRequests()).toMatchObject([{ status: null, fault: 'drop' }]);
  });
});

describe("faults on the API's media routes", () => {
  it('answers a fault on media.content as Twilio would, before any redirect', async () => {
    const { sandbox, mediaUrl } = await pictureOnCdn({ route: 'media.content', kind: 'status', status: 500 });
    const response = await fetch(mediaUrl, { headers: basicAuthHeaders(sandbox), redirect: 'manual' });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ code: 20500 });
  });
});
