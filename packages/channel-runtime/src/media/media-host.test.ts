import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { account } from '../ingress/__fixtures__/webhook-server.js';
import { mediaBaseUrl } from './media-base-url.js';
import { createMediaHost, type MediaHost } from './media-host.js';

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0,
]);

let dir: string;
let clock: number;
let host: MediaHost;
let server: Server;
let origin: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'media-host-'));
  clock = 1_000_000;
  host = createMediaHost({ directory: join(dir, 'outbound'), ttlMs: 60_000, now: () => clock });
  server = createServer((req, res) => {
    void host.serve(req, res).then((served) => {
      if (!served) res.writeHead(418).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function publishPhoto() {
  const file = join(dir, 'photo.png');
  await writeFile(file, PNG);
  return host.publish(file, { baseUrl: origin });
}

describe('createMediaHost', () => {
  it('serves a published file at an unguessable URL with the type its bytes are', async () => {
    const published = await publishPhoto();
    expect(published.url).toMatch(new RegExp(`^${origin}/sms-media/[A-Za-z0-9_-]{43}$`));
    const response = await fetch(published.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), PNG)).toBe(0);
  });

  it('never shows another process a half-written record while it notes the message that carried the file', async () => {
    const published = await publishPhoto();
    const record = join(dir, 'outbound', `${published.token}.json`);
    let writing = true;
    const writes = (async () => {
      for (let i = 0; i < 300; i += 1) {
        await host.markSent([published.token], { accountId: 'default', messageSid: `SM${i}` });
      }
      writing = false;
    })();
    // What the gateway serving the file in another process reads, as often as it can while the records change.
    const unreadable: string[] = [];
    while (writing) {
      const text = await readFile(record, 'utf8').catch((error: Error) => `(${error.message})`);
      try {
        JSON.parse(text);
      } catch {
        unreadable.push(text);
      }
    }
    await writes;
    expect(unreadable).toEqual([]);
    expect((await fetch(published.url)).status).toBe(200);
    expect((await readdir(join(dir, 'outbound'))).sort()).toEqual(
      [published.token, `${published.token}.json`].sort(),
    );
  });

  it('answers HEAD with the headers and no body', async () => {
    const published = await publishPhoto();
    const response = await fetch(published.url, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(PNG.length));
  });

  it('refuses other methods with 405 and Allow', async () => {
    const published = await publishPhoto();
    const response = await fetch(published.url, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404 for a token it never gave', async () => {
    expect((await fetch(`${origin}/sms-media/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${origin}/sms-media/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it('leaves other paths to the caller', async () => {
    expect((await fetch(`${origin}/webhooks/sms`)).status).toBe(418);
  });

  it('stops serving a file after its TTL, and the sweep deletes it', async () => {
    const published = await publishPhoto();
    clock += 60_001;
    expect((await fetch(published.url)).status).toBe(404);
    expect(await host.sweep()).toBe(1);
    expect(await readdir(join(dir, 'outbound'))).toEqual([]);
  });

  it('deletes a file once the message that carried it was delivered', async () => {
    const published = await publishPhoto();
    await host.markSent([published.token], { accountId: 'default', messageSid: 'MM1' });
    expect(await host.sweep(async () => false)).toBe(0);
    expect(await host.sweep(async (accountId, sid) => accountId === 'default' && sid === 'MM1')).toBe(1);
    expect((await fetch(published.url)).status).toBe(404);
  });
});

describe('mediaBaseUrl', () => {
  it('is the origin of an https publicWebhookUrl', () => {
    expect(mediaBaseUrl(account({ publicWebhookUrl: 'https://sms.example.com/hooks/sms' }))).toBe(
      'https://sms.example.com',
    );
  });

  it('refuses a plain-http public URL that is not loopback', () => {
    expect(() => mediaBaseUrl(account({ publicWebhookUrl: 'http://sms.example.com/hooks/sms' }))).toThrow(
      /http:\/\/sms.example.com is not https/,
    );
  });

  it('allows plain http on loopback (the local sandbox)', () => {
    expect(mediaBaseUrl(account({ publicWebhookUrl: 'http://127.0.0.1:8790/webhooks/sms' }))).toBe(
      'http://127.0.0.1:8790',
    );
  });

  it('refuses an account without a public URL, naming the setting', () => {
    expect(() => mediaBaseUrl(account())).toThrow(
      /no publicWebhookUrl.*set publicWebhookUrl to an https URL/,
    );
  });

  it('prefers the host media base URL, keeping its path', () => {
    expect(mediaBaseUrl(account(), 'https://cdn.example.com/sms/')).toBe('https://cdn.example.com/sms');
  });
});
