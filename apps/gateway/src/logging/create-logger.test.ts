import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line !== '') lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ destination, level: 'debug' }) };
}

describe('createLogger', () => {
  it('writes one JSON line per call with an ISO time and a level label', () => {
    const { lines, logger } = capture();
    logger.info({ status: 200 }, 'webhook');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'webhook', status: 200, name: 'sms-channel' });
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('masks auth tokens and API keys at the depths the gateway logs them', () => {
    const { lines, logger } = capture();
    logger.info({
      authToken: 'a'.repeat(32),
      account: { authToken: 'b' },
      agent: { config: { apiKey: 'c' } },
    });
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/aaaa|"b"|"c"/);
    expect(lines[0]?.authToken).toBe('[redacted]');
  });

  it('masks the Authorization and X-Twilio-Signature headers of a logged request', () => {
    const { lines, logger } = capture();
    logger.info({
      req: { headers: { authorization: 'Basic QUM6c2VjcmV0', 'x-twilio-signature': 'sig=', host: 'h' } },
    });
    const logged = lines[0] as { req: { headers: Record<string, string> } };
    const headers = logged.req.headers;
    expect(headers).toEqual({ authorization: '[redacted]', 'x-twilio-signature': '[redacted]', host: 'h' });
  });

  it('keeps phone numbers readable', () => {
    const { lines, logger } = capture();
    logger.info({ from: '+12025550142' }, 'inbound');
    expect(lines[0]?.from).toBe('+12025550142');
  });
});
