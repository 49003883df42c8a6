import { describe, expect, it } from 'vitest';
import {
  smsWebhookAuthToken,
  smsWebhookBody,
  smsWebhookParams,
  smsWebhookUrl,
} from './__fixtures__/sms-webhook.js';
import { computeBodyHash, computeSignature } from './compute-signature.js';
import { verifyFetchRequest } from './verify-fetch-request.js';

const authToken = smsWebhookAuthToken;
const signature = computeSignature(authToken, smsWebhookUrl, smsWebhookParams);
const FORM = 'application/x-www-form-urlencoded';

function twilioPost(
  body: string,
  headers: Record<string, string>,
  at = 'http://10.0.0.5:3000/webhooks/sms',
): Request {
  return new Request(at, { method: 'POST', body, headers: { 'content-type': FORM, ...headers } });
}

describe('verifyFetchRequest', () => {
  it('verifies a form webhook against the public URL and returns its params', async () => {
    const result = await verifyFetchRequest(twilioPost(smsWebhookBody, { 'x-twilio-signature': signature }), {
      authToken,
      url: smsWebhookUrl,
    });
    expect(result.ok && { ...result.params }).toEqual(smsWebhookParams);
  });

  it('leaves the request body readable for the caller', async () => {
    const request = twilioPost(smsWebhookBody, { 'x-twilio-signature': signature });
    await verifyFetchRequest(request, { authToken, url: smsWebhookUrl });
    expect(await request.text()).toBe(smsWebhookBody);
  });

  it('uses a body the caller already read', async () => {
    const request = twilioPost(smsWebhookBody, { 'x-twilio-signature': signature });
    const rawBody = await request.text();
    const result = await verifyFetchRequest(request, { authToken, url: smsWebhookUrl, rawBody });
    expect(result.ok).toBe(true);
  });

  it('refuses when the body was consumed and not passed', async () => {
    const request = twilioPost(smsWebhookBody, { 'x-twilio-signature': signature });
    await request.text();
    expect(await verifyFetchRequest(request, { authToken, url: smsWebhookUrl })).toEqual({
      ok: false,
      reason: 'missing-body',
    });
  });

  it('refuses a forged signature', async () => {
    const forged = computeSignature('guess', smsWebhookUrl, smsWebhookParams);
    const result = await verifyFetchRequest(twilioPost(smsWebhookBody, { 'x-twilio-signature': forged }), {
      authToken,
      url: smsWebhookUrl,
    });
    expect(result).toMatchObject({ ok: false, reason: 'signature-mismatch' });
  });

  it('rebuilds the public URL from X-Forwarded-* in trusted-proxy mode', async () => {
    const request = twilioPost(smsWebhookBody, {
      'x-twilio-signature': signature,
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'sms.example.com',
    });
    expect(await verifyFetchRequest(request, { authToken, trustProxy: true })).toMatchObject({
      ok: true,
      url: smsWebhookUrl,
    });
  });

  it('checks a JSON webhook body against bodySHA256', async () => {
    const body = '{"Body":"hi"}';
    const url = `https://sms.example.com/webhooks/json?bodySHA256=${computeBodyHash(body)}`;
    const headers = {
      'x-twilio-signature': computeSignature(authToken, url),
      'content-type': 'application/json',
    };
    expect((await verifyFetchRequest(twilioPost(body, headers), { authToken, url })).ok).toBe(true);
    expect(await verifyFetchRequest(twilioPost('{}', headers), { authToken, url })).toMatchObject({
      ok: false,
      reason: 'body-hash-mismatch',
    });
  });
});
