import { afterEach, describe, expect, it } from 'vitest';
import { createRecordingLogger, type RecordingLogger } from '../testing/recording-logger.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  HANDSET,
  inboundForm,
  NUMBER,
  postSigned,
  startWebhookServer,
  type WebhookServer,
} from './__fixtures__/webhook-server.js';

let server: WebhookServer;
afterEach(() => server?.close());

async function logged(run: (url: string) => Promise<void>): Promise<RecordingLogger> {
  const logger = createRecordingLogger();
  server = await startWebhookServer({ logger });
  await run(`${server.url}/webhooks/sms`);
  return logger;
}

describe('webhook log lines', () => {
  it('writes one debug line per request with its outcome and no secret', async () => {
    const form = inboundForm({ Body: 'my private text' });
    const logger = await logged(async (url) => {
      await postSigned(url, form);
    });
    expect(logger.lines.map((line) => [line.level, line.message])).toEqual([['debug', 'webhook']]);
    expect(logger.lines[0]?.fields).toMatchObject({
      status: 200,
      kind: 'inbound',
      messageSid: form.MessageSid,
      from: HANDSET,
      to: NUMBER,
    });
    expect(logger.text()).not.toContain(AUTH_TOKEN);
    expect(logger.text()).not.toContain('my private text');
    expect(logger.text()).not.toMatch(/x-twilio-signature/i);
  });

  it('warns of the first refusal of each reason, and only debugs the ones after it', async () => {
    const logger = await logged(async (url) => {
      for (let i = 0; i < 3; i += 1) await postSigned(url, inboundForm(), { token: '0'.repeat(32) });
    });
    expect(logger.lines.map((line) => [line.level, line.fields.reason])).toEqual([
      ['warn', 'bad-signature'],
      ['debug', 'bad-signature'],
      ['debug', 'bad-signature'],
    ]);
  });

  it('sums the requests of an interval up in one info line, by outcome', async () => {
    const logger = await logged(async (url) => {
      const form = inboundForm();
      await postSigned(url, form);
      await postSigned(url, form);
      await postSigned(url, inboundForm(), { token: '0'.repeat(32) });
    });
    server.handler.activity.summarize(60_000);
    const info = logger.lines.filter((line) => line.level === 'info');
    expect(info).toHaveLength(1);
    expect(info[0]?.fields).toEqual({
      requests: 3,
      seconds: 60,
      outcomes: { '200': 1, '200 duplicate': 1, '403 bad-signature': 1 },
      unverified: { peak: 1, peakPerAddress: 1, evicted: 0 },
    });
    server.handler.activity.summarize(60_000);
    expect(logger.lines.filter((line) => line.level === 'info')).toHaveLength(1);
  });

  it('says a status callback is one, with its status', async () => {
    const sid = `SM${'5'.repeat(32)}`;
    const logger = await logged(async (url) => {
      await postSigned(url, {
        MessageSid: sid,
        MessageStatus: 'delivered',
        AccountSid: ACCOUNT_SID,
        From: NUMBER,
        To: HANDSET,
      });
    });
    expect(logger.lines[0]?.fields).toMatchObject({
      kind: 'status',
      messageStatus: 'delivered',
      messageSid: sid,
    });
  });
});
