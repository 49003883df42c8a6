import { describe, expect, it } from 'vitest';
import { isTwilioMessagingError } from './errors.js';
import { isTwilioApiError, isTwilioSendError, TwilioApiError, TwilioSendError } from './twilio-api-error.js';
import { explainTwilioCode, TWILIO_ERROR_CODES } from './twilio-error-codes.js';
import { asTwilioApiError, twilioErrorFromNetwork, twilioErrorFromResponse } from './twilio-error-from.js';

const UNSUBSCRIBED = {
  code: 21610,
  message: 'Attempt to send to unsubscribed recipient',
  more_info: 'https://www.twilio.com/docs/errors/21610',
  status: 400,
};

describe('twilioErrorFromResponse', () => {
  it("carries Twilio's status, code, message and link, and explains the code", () => {
    const error = twilioErrorFromResponse(400, UNSUBSCRIBED, {}, 'POST /x');
    expect(error).toMatchObject({
      status: 400,
      twilioCode: 21610,
      moreInfo: UNSUBSCRIBED.more_info,
      retryable: false,
      request: 'POST /x',
    });
    expect(error.message).toContain('HTTP 400, code 21610');
    expect(error.message).toContain('replied STOP');
  });

  it('reads Retry-After from a 429 and marks it retryable', () => {
    const error = twilioErrorFromResponse(
      429,
      { code: 20429, message: 'Too Many Requests' },
      { 'retry-after': '3' },
    );
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 3000 });
  });

  it('marks a 5xx retryable and a 4xx final', () => {
    expect(twilioErrorFromResponse(503, '', {}).retryable).toBe(true);
    expect(twilioErrorFromResponse(404, '{"code":20404}', {}).retryable).toBe(false);
  });

  it('survives a body that is not Twilio JSON', () => {
    const error = twilioErrorFromResponse(502, '<html>Bad gateway</html>', {});
    expect(error).toMatchObject({ status: 502, twilioCode: undefined });
  });
});

describe('twilioErrorFromNetwork', () => {
  it('keeps only the code and message of the network error, never its request config', () => {
    const axiosLike = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
      config: { headers: { Authorization: 'Basic c2VjcmV0' } },
    });
    const error = twilioErrorFromNetwork(axiosLike);
    expect(error).toMatchObject({ status: 0, networkCode: 'ECONNREFUSED', retryable: true });
    expect(JSON.stringify({ ...error, message: error.message, cause: error.cause })).not.toContain(
      'c2VjcmV0',
    );
  });
});

describe('TwilioSendError', () => {
  it('names the recipient and the attempts and keeps the last failure', () => {
    const last = twilioErrorFromResponse(429, { code: 20429 }, { 'retry-after': '1' });
    const error = new TwilioSendError(last, { attempts: 4, to: '+12025550142' });
    expect(error).toBeInstanceOf(TwilioApiError);
    expect(error).toMatchObject({
      code: 'TWILIO_SEND_FAILED',
      twilioCode: 20429,
      attempts: 4,
      retryable: true,
    });
    expect(error.message).toMatch(/^Could not send SMS to \+12025550142 after 4 attempts: /);
  });
});

describe('asTwilioApiError', () => {
  it("converts the SDK's RestException", () => {
    class RestException extends Error {
      status = 400;
      code = 21211;
      moreInfo = 'https://www.twilio.com/docs/errors/21211';
    }
    expect(asTwilioApiError(new RestException('bad to'))).toMatchObject({ status: 400, twilioCode: 21211 });
  });

  it('leaves other errors alone', () => {
    expect(asTwilioApiError(new TypeError('x'))).toBeUndefined();
  });
});

describe('explainTwilioCode', () => {
  it('explains every code the brief lists', () => {
    for (const code of [20003, 20404, 20429, 21211, 21408, 21606, 21602, 21610, 21612, 21614, 21617]) {
      expect(explainTwilioCode(code)).toBeTypeOf('string');
    }
    for (let code = 30003; code <= 30008; code += 1)
      expect(Object.keys(TWILIO_ERROR_CODES)).toContain(String(code));
  });

  it('returns undefined for a code it does not know', () => {
    expect(explainTwilioCode(99_999)).toBeUndefined();
  });
});

describe('error identity', () => {
  it('recognises errors by their marker, not their class object', () => {
    const error = twilioErrorFromResponse(400, { code: 21211 }, {});
    const send = new TwilioSendError(error, { attempts: 1, to: '+12025550142' });
    // A copy of the package (its CJS build, a bundled plugin) has other class objects but the same markers.
    const copy = Object.assign(Object.create(null) as object, {
      [Symbol.for('sms-channel.twilio-messaging.error')]: true,
      [Symbol.for('sms-channel.twilio-messaging.api-error')]: true,
    });
    expect([isTwilioMessagingError(error), isTwilioApiError(error), isTwilioSendError(error)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(isTwilioSendError(send)).toBe(true);
    expect(isTwilioApiError(copy)).toBe(true);
    expect(isTwilioApiError(new Error('x'))).toBe(false);
  });
});
