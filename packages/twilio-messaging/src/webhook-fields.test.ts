import { describe, expect, it } from 'vitest';
import { formToJson, readInboundMessage, readWebhookFields } from './webhook-fields.js';

const SMS = {
  MessageSid: `SM${'a'.repeat(32)}`,
  AccountSid: `AC${'b'.repeat(32)}`,
  From: '+12025550142',
  To: '+12025550100',
  Body: 'hello',
  NumMedia: '0',
  NumSegments: '1',
};

describe('readWebhookFields', () => {
  it('reads the routing fields of an inbound message', () => {
    expect(readWebhookFields(SMS)).toEqual({
      accountSid: SMS.AccountSid,
      messageSid: SMS.MessageSid,
      from: SMS.From,
      to: SMS.To,
      messagingServiceSid: undefined,
      messageStatus: undefined,
      errorCode: undefined,
    });
  });

  it('falls back to SmsSid and SmsMessageSid for the MessageSid', () => {
    expect(readWebhookFields({ SmsSid: 'SM1' }).messageSid).toBe('SM1');
    expect(readWebhookFields({ SmsMessageSid: 'SM2' }).messageSid).toBe('SM2');
  });

  it('does not take the SmsStatus of an inbound message (received) for a status callback', () => {
    expect(readWebhookFields({ ...SMS, SmsStatus: 'received' }).messageStatus).toBeUndefined();
  });

  it('reads a status callback with its error code', () => {
    const fields = readWebhookFields({ ...SMS, MessageStatus: 'undelivered', ErrorCode: '30003' });
    expect(fields).toMatchObject({ messageStatus: 'undelivered', errorCode: 30003 });
  });

  it('takes the first value of a repeated key and ignores a non-numeric error code', () => {
    expect(readWebhookFields({ From: ['+1a', '+1b'], ErrorCode: '30x' })).toMatchObject({
      from: '+1a',
      errorCode: undefined,
    });
  });
});

describe('readInboundMessage', () => {
  it('reads an SMS', () => {
    expect(readInboundMessage(SMS)).toMatchObject({ body: 'hello', media: [], numSegments: 1 });
  });

  it('reads the media of an MMS in order, and an empty body as a media-only message', () => {
    const message = readInboundMessage({
      ...SMS,
      Body: '',
      NumMedia: '2',
      MediaUrl0: 'https://api.twilio.com/a',
      MediaContentType0: 'image/jpeg',
      MediaUrl1: 'https://api.twilio.com/b',
    });
    expect(message.body).toBe('');
    expect(message.media).toEqual([
      { url: 'https://api.twilio.com/a', contentType: 'image/jpeg' },
      { url: 'https://api.twilio.com/b', contentType: undefined },
    ]);
  });

  it('reads at most 10 media, whatever NumMedia claims', () => {
    const form: Record<string, string> = { ...SMS, NumMedia: '50' };
    for (let i = 0; i < 50; i += 1) form[`MediaUrl${i}`] = `https://api.twilio.com/${i}`;
    expect(readInboundMessage(form).media).toHaveLength(10);
  });

  it('ignores a NumMedia that is not a count', () => {
    expect(readInboundMessage({ ...SMS, NumMedia: '-3', MediaUrl0: 'x' }).media).toEqual([]);
  });

  it("reads Twilio's OptOutType", () => {
    expect(readInboundMessage({ ...SMS, Body: 'arret', OptOutType: 'STOP' }).optOutType).toBe('STOP');
  });
});

describe('formToJson', () => {
  it('keeps strings and repeated keys, drops anything else, and has a plain prototype', () => {
    const parsed = Object.assign(Object.create(null) as Record<string, unknown>, {
      a: '1',
      b: ['2', '3'],
      c: 4,
    });
    const json = formToJson(parsed);
    expect(json).toEqual({ a: '1', b: ['2', '3'] });
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
  });
});
