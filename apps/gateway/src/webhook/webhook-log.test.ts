import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/create-logger.js';
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

async function withLines(
  run: (url: string) => Promise<void>,
): Promise<{ text: string; lines: Record<string, unknown>[] }> {
  let text = '';
  const destination = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  server = await startWebhookServer({ logger: createLogger({ destination }) });
  await run(`${server.url}/webhooks/sms`);
  await new Promise((resolve) => setTimeout(resolve, 20));
  return {
    text,
    lines: text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('webhook log lines', () => {
  it('writes one line per request with its outcome and no secret', async () => {
    const form = inboundForm({ Body: 'my private text' });
    const { text, lines } = await withLines(async (url) => {
      await postSigned(url, form);
      await postSigned(url, form, { token: '0'.repeat(32) });
    });
    expect(lines.map((line) => [line.status, line.reason, line.msg])).toEqual([
      [200, undefined, 'webhook'],
      [403, 'bad-signature', 'webhook refused'],
    ]);
    expect(lines[0]).toMatchObject({
      kind: 'inbound',
      messageSid: form.MessageSid,
      from: HANDSET,
      to: NUMBER,
    });
    expect(text).not.toContain(AUTH_TOKEN);
    expect(text).not.toContain('my private text');
    expect(text).not.toMatch(/x-twilio-signature/i);
  });

  it('says a status callback is one, with its status', async () => {
    const sid = `SM${'5'.repeat(32)}`;
    const { lines } = await withLines(async (url) => {
      await postSigned(url, {
        MessageSid: sid,
        MessageStatus: 'delivered',
        AccountSid: ACCOUNT_SID,
        From: NUMBER,
        To: HANDSET,
      });
    });
    expect(lines[0]).toMatchObject({ kind: 'status', messageStatus: 'delivered', messageSid: sid });
  });
});
