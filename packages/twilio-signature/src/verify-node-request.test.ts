import { once } from 'node:events';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  smsWebhookAuthToken,
  smsWebhookBody,
  smsWebhookParams,
  smsWebhookUrl,
} from './__fixtures__/sms-webhook.js';
import { computeBodyHash, computeSignature } from './compute-signature.js';
import { InvalidOptionsError } from './errors.js';
import type { RequestCheck } from './request-check.js';
import { createSignatureVerifier } from './signature-verifier.js';
import { type NodeRequestLike, verifyNodeRequest } from './verify-node-request.js';

const authToken = smsWebhookAuthToken;
const signature = computeSignature(authToken, smsWebhookUrl, smsWebhookParams);
const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

function nodeRequest(headers: NodeRequestLike['headers'], url = '/webhooks/sms'): NodeRequestLike {
  return { headers, url, socket: { encrypted: false } };
}

describe('verifyNodeRequest', () => {
  it('verifies a webhook received by a real node:http server and returns its params', async () => {
    let result: RequestCheck | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        result = verifyNodeRequest(req, Buffer.concat(chunks), { authToken, url: smsWebhookUrl });
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
      headers: { 'Content-Type': FORM, 'X-Twilio-Signature': signature },
    });
    sent.end(smsWebhookBody);
    const [response] = await once(sent, 'response');
    response.resume();
    await once(response, 'end');
    server.close();
    expect(result?.ok).toBe(true);
    expect(result?.ok === true && { ...result.params }).toEqual(smsWebhookParams);
  });

  it('refuses a request without X-Twilio-Signature', () => {
    const result = verifyNodeRequest(nodeRequest({ 'content-type': FORM }), smsWebhookBody, {
      authToken,
      url: smsWebhookUrl,
    });
    expect(result).toEqual({ ok: false, reason: 'missing-signature', url: smsWebhookUrl });
  });

  it('reports an unsigned request as missing its signature, whatever its body', () => {
    const result = verifyNodeRequest(nodeRequest({ 'content-type': 'text/plain' }), '\u00ff', {
      authToken,
      url: smsWebhookUrl,
    });
    expect(result).toMatchObject({ ok: false, reason: 'missing-signature' });
  });

  it('refuses a tampered body', () => {
    const headers = { 'content-type': FORM, 'x-twilio-signature': signature };
    const tampered = smsWebhookBody.replace('Body=', 'Body=PWNED');
    expect(
      verifyNodeRequest(nodeRequest(headers), tampered, { authToken, url: smsWebhookUrl }),
    ).toMatchObject({
      ok: false,
      reason: 'signature-mismatch',
    });
  });

  it('refuses a form URL posted with another content type as a malformed body', () => {
    const headers = { 'content-type': 'text/plain', 'x-twilio-signature': signature };
    expect(
      verifyNodeRequest(nodeRequest(headers), smsWebhookBody, { authToken, url: smsWebhookUrl }),
    ).toMatchObject({
      ok: false,
      reason: 'malformed-body',
    });
  });

  it('refuses a form body whose bytes are not UTF-8 as a malformed body', () => {
    const headers = { 'content-type': FORM, 'x-twilio-signature': signature };
    const rawBody = new Uint8Array([0x42, 0x6f, 0x64, 0x79, 0x3d, 0xc3]);
    expect(verifyNodeRequest(nodeRequest(headers), rawBody, { authToken, url: smsWebhookUrl })).toEqual({
      ok: false,
      reason: 'malformed-body',
      url: smsWebhookUrl,
    });
  });

  it('ignores the Host header unless trustProxy is set', () => {
    const headers = { 'content-type': FORM, 'x-twilio-signature': signature, host: 'evil.example' };
    const result = verifyNodeRequest(nodeRequest(headers), smsWebhookBody, { authToken, url: smsWebhookUrl });
    expect(result).toMatchObject({ ok: true, url: smsWebhookUrl });
  });

  it('rebuilds the public URL from X-Forwarded-* in trusted-proxy mode', () => {
    const headers = {
      'content-type': FORM,
      'x-twilio-signature': signature,
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'sms.example.com',
      host: '10.0.0.5:3000',
    };
    const result = verifyNodeRequest(nodeRequest(headers), smsWebhookBody, { authToken, trustProxy: true });
    expect(result).toMatchObject({ ok: true, url: smsWebhookUrl });
  });

  it('refuses in trusted-proxy mode when no host is known', () => {
    const headers = { 'content-type': FORM, 'x-twilio-signature': signature };
    const result = verifyNodeRequest(nodeRequest(headers), smsWebhookBody, { authToken, trustProxy: true });
    expect(result).toEqual({ ok: false, reason: 'invalid-url' });
  });

  it('verifies a JSON webhook against its bodySHA256 and returns no params', () => {
    const body = '{"Body":"hi"}';
    const url = `https://sms.example.com/webhooks/json?bodySHA256=${computeBodyHash(body)}`;
    const headers = {
      'content-type': 'application/json',
      'x-twilio-signature': computeSignature(authToken, url),
    };
    const result = verifyNodeRequest(nodeRequest(headers, '/webhooks/json'), body, { authToken, url });
    expect(result.ok && Object.keys(result.params)).toEqual([]);
    const wrong = verifyNodeRequest(nodeRequest(headers), '{"Body":"HI"}', { authToken, url });
    expect(wrong).toMatchObject({ ok: false, reason: 'body-hash-mismatch' });
  });

  it('verifies a GET webhook (no body) over the URL alone', () => {
    const url = `${smsWebhookUrl}?MessageSid=SM1&From=%2B15555550123`;
    const headers = { 'x-twilio-signature': computeSignature(authToken, url) };
    expect(verifyNodeRequest(nodeRequest(headers), '', { authToken, url }).ok).toBe(true);
  });

  it('uses a verifier made once instead of the token', () => {
    const headers = { 'content-type': FORM, 'x-twilio-signature': signature };
    const verifier = createSignatureVerifier({ authToken });
    expect(verifyNodeRequest(nodeRequest(headers), smsWebhookBody, { verifier, url: smsWebhookUrl }).ok).toBe(
      true,
    );
    const other = createSignatureVerifier({ authToken: 'another-token' });
    expect(
      verifyNodeRequest(nodeRequest(headers), smsWebhookBody, { verifier: other, url: smsWebhookUrl }),
    ).toMatchObject({
      ok: false,
      reason: 'signature-mismatch',
    });
  });

  it('throws InvalidOptionsError when neither url nor trustProxy is given', () => {
    const options = { authToken } as unknown as Parameters<typeof verifyNodeRequest>[2];
    expect(() => verifyNodeRequest(nodeRequest({}), '', options)).toThrow(InvalidOptionsError);
  });
});
