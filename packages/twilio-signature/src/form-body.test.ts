import { describe, expect, it } from 'vitest';
import { smsWebhookBody, smsWebhookParams } from './__fixtures__/sms-webhook.js';
import { parseFormBody } from './form-body.js';

describe('parseFormBody', () => {
  it('reads a Twilio SMS webhook body back into its fields', () => {
    expect({ ...parseFormBody(smsWebhookBody) }).toEqual(smsWebhookParams);
  });

  it('keeps every value of a repeated key, in body order', () => {
    expect(parseFormBody('MediaUrl=b&Body=x&MediaUrl=a&MediaUrl=b').MediaUrl).toEqual(['b', 'a', 'b']);
  });

  it('decodes + as a space and percent-escapes as UTF-8', () => {
    expect(parseFormBody('Body=caf%C3%A9+ol%C3%A9%21&From=%2B15555550123')).toMatchObject({
      Body: 'café olé!',
      From: '+15555550123',
    });
  });

  it('keeps empty values and keys without =', () => {
    expect({ ...parseFormBody('a=&b&=c&&') }).toEqual({ a: '', b: '', '': 'c' });
  });

  it('treats __proto__ and constructor as ordinary keys', () => {
    const params = parseFormBody('__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(params)).toBeNull();
    expect(Object.entries(params)).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
  });

  it('parses bytes as UTF-8, replacing invalid sequences instead of throwing', () => {
    expect(parseFormBody(new Uint8Array([0x61, 0x3d, 0xff, 0x62])).a).toBe('\ufffdb');
    expect(parseFormBody('a=%E9').a).toBe('\ufffd');
  });

  it('gives no params for an empty body', () => {
    expect(Object.keys(parseFormBody(''))).toEqual([]);
  });
});
