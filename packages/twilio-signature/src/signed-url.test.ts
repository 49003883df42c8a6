import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  smsWebhookAuthToken,
  smsWebhookBody,
  smsWebhookParams,
  smsWebhookUrl,
} from './__fixtures__/sms-webhook.js';
import { computeSignature } from './compute-signature.js';
import { createSignatureVerifier } from './signature-verifier.js';
import { resolveSignedUrl } from './signed-url.js';

const PUBLIC = 'https://sms.example.com/webhooks/sms?account=main';
const LISTEN = 'http://127.0.0.1:8787';

function nodeRequest(headers: Record<string, string | string[]>, url = '/webhooks/sms?account=main') {
  return { headers, url, socket: { encrypted: false } };
}

describe('resolveSignedUrl', () => {
  it('answers the configured public URL without reading any header', () => {
    const request = nodeRequest({ host: 'evil.example', 'x-forwarded-host': 'evil.example' });
    expect(resolveSignedUrl(request, { publicUrl: PUBLIC, trustProxy: true, listenOrigin: LISTEN })).toEqual({
      url: PUBLIC,
      source: 'publicWebhookUrl',
    });
  });

  it('rebuilds the URL from X-Forwarded-Proto and X-Forwarded-Host behind a trusted proxy', () => {
    const request = nodeRequest({
      host: 'internal:3000',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'sms.example.com',
    });
    expect(resolveSignedUrl(request, { trustProxy: true, listenOrigin: LISTEN })).toEqual({
      url: PUBLIC,
      source: 'forwarded-headers',
    });
  });

  it('uses Host, and the scheme the request came over, when the proxy sends no X-Forwarded-* header', () => {
    const request = { ...nodeRequest({ host: 'sms.example.com' }), socket: { encrypted: true } };
    expect(resolveSignedUrl(request, { trustProxy: true })).toEqual({
      url: PUBLIC,
      source: 'forwarded-headers',
    });
  });

  it('takes the first value of a list, the one the client-facing proxy wrote', () => {
    const request = nodeRequest({
      'x-forwarded-proto': 'https, http',
      'x-forwarded-host': ['sms.example.com', 'lb.internal'],
    });
    expect(resolveSignedUrl(request, { trustProxy: true })?.url).toBe(PUBLIC);
  });

  it('never reads the forwarded headers or Host without trustProxy: it falls back to the listen address', () => {
    const request = nodeRequest({
      host: 'sms.example.com',
      'x-forwarded-host': 'sms.example.com',
      'x-forwarded-proto': 'https',
    });
    expect(resolveSignedUrl(request, { listenOrigin: LISTEN })).toEqual({
      url: `${LISTEN}/webhooks/sms?account=main`,
      source: 'listen-address',
    });
  });

  it('refuses forwarded values that would move the URL elsewhere, and falls back to the listen address', () => {
    const cases: Record<string, string>[] = [
      { 'x-forwarded-host': 'evil.example/x' },
      { 'x-forwarded-host': 'a@evil.example' },
      { 'x-forwarded-host': 'a b' },
      { 'x-forwarded-proto': 'javascript', 'x-forwarded-host': 'sms.example.com' },
    ];
    for (const forwarded of cases) {
      const request = nodeRequest(forwarded);
      expect(
        resolveSignedUrl(request, { trustProxy: true, listenOrigin: LISTEN })?.source,
        JSON.stringify(forwarded),
      ).toBe('listen-address');
      expect(resolveSignedUrl(request, { trustProxy: true }), JSON.stringify(forwarded)).toBeUndefined();
    }
  });

  it('refuses a request target that is not a path on this origin', () => {
    for (const target of ['//evil.example/x', 'http://evil.example/x', '*']) {
      const request = nodeRequest({ host: 'sms.example.com' }, target);
      expect(resolveSignedUrl(request, { trustProxy: true, listenOrigin: LISTEN }), target).toBeUndefined();
    }
  });

  it('has no answer without a public URL, trusted headers or a listen origin', () => {
    expect(resolveSignedUrl(nodeRequest({ host: 'sms.example.com' }), {})).toBeUndefined();
  });

  it('reads a Fetch API Request the same way', () => {
    const request = new Request('http://10.0.0.5:3000/webhooks/sms?account=main', {
      method: 'POST',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'sms.example.com' },
    });
    expect(resolveSignedUrl(request, { trustProxy: true })).toEqual({
      url: PUBLIC,
      source: 'forwarded-headers',
    });
    expect(resolveSignedUrl(request, { listenOrigin: LISTEN })?.url).toBe(
      `${LISTEN}/webhooks/sms?account=main`,
    );
  });

  it('finds the URL a real node:http server was signed for, which the verifier then accepts', async () => {
    const verifier = createSignatureVerifier({ authToken: smsWebhookAuthToken });
    const checks: unknown[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const signed = resolveSignedUrl(req, { trustProxy: true });
        const header = req.headers['x-twilio-signature'];
        checks.push({
          signed,
          check: verifier.check({
            url: signed?.url ?? '',
            signature: Array.isArray(header) ? header[0] : header,
            rawBody: Buffer.concat(chunks),
          }),
        });
        res.end();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const sent = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/webhooks/sms',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'sms.example.com',
        'x-twilio-signature': computeSignature(smsWebhookAuthToken, smsWebhookUrl, smsWebhookParams),
      },
    });
    sent.end(smsWebhookBody);
    const [response] = await once(sent, 'response');
    response.resume();
    await once(response, 'end');
    server.close();
    expect(checks).toEqual([
      { signed: { url: smsWebhookUrl, source: 'forwarded-headers' }, check: { ok: true } },
    ]);
  });
});
