import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TwilioApiError, TwilioSendError } from '@sms-channel/twilio-messaging';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordingSender, runInProcess } from './__fixtures__/run-in-process.js';
import {
  createTempConfig,
  defaultConfigText,
  FROM_NUMBER,
  HANDSET,
  type TempConfig,
  WORK_ACCOUNT,
} from './__fixtures__/temp-config.js';

const PNG_HEADER = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describe('message send', () => {
  let temp: TempConfig;
  beforeEach(async () => {
    temp = await createTempConfig(
      defaultConfigText({
        accounts: {
          work: { ...WORK_ACCOUNT, textChunkLimit: 200 },
          off: { enabled: false, fromNumber: '+12025550112', webhookPath: '/webhooks/off' },
        },
        defaultAccount: 'default',
      }),
    );
  });
  afterEach(async () => {
    await temp.remove();
  });

  const send = (args: string[], sender = createRecordingSender()) =>
    runInProcess(['--config', temp.file, 'message', 'send', ...args], { deps: { sendSms: sender.sendSms } });

  it('sends to an sms: target from the default account, markdown turned into plain text', async () => {
    const sender = createRecordingSender();
    const run = await send(
      ['--channel', 'sms', '--target', `sms:${HANDSET}`, '--message', '**Hi** _there_'],
      sender,
    );
    expect(run.exitCode).toBe(0);
    expect(sender.sent).toEqual([
      { account: expect.objectContaining({ accountId: 'default' }), to: HANDSET, body: 'Hi there' },
    ]);
    expect(run.stdout).toBe(
      `Sent 1 part to ${HANDSET} from ${FROM_NUMBER} (account "default"):\n  1/1 SM${'1'.padStart(32, '0')} queued (8 chars, 1 segment)\n`,
    );
  });

  it('accepts a twilio-sms: target and a national-looking number written in E.164 with spaces', async () => {
    const sender = createRecordingSender();
    const run = await send(['--target', 'twilio-sms:+1 202 555 0142', '--message', 'hi'], sender);
    expect(run.exitCode).toBe(0);
    expect(sender.sent[0]?.to).toBe(HANDSET);
  });

  it("cuts a long message into numbered parts within the account's textChunkLimit, sent in order", async () => {
    const sender = createRecordingSender();
    const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i + 1} of a long reply.`).join(' ');
    const run = await send(['--account', 'work', '--target', `sms:${HANDSET}`, '--message', text], sender);
    expect(run.exitCode).toBe(0);
    const bodies = sender.sent.map((request) => request.body);
    expect(bodies.length).toBeGreaterThan(1);
    for (const [index, body] of bodies.entries()) {
      expect(body.length).toBeLessThanOrEqual(200);
      expect(body.endsWith(` (${index + 1}/${bodies.length})`)).toBe(true);
    }
    expect(bodies.map((body) => body.replace(/ \(\d+\/\d+\)$/, '')).join(' ')).toBe(text);
    expect(sender.sent.every((request) => request.account.accountId === 'work')).toBe(true);
  });

  it('prints JSON with --json', async () => {
    const run = await send(['--target', `sms:${HANDSET}`, '--message', 'hi', '--json']);
    expect(JSON.parse(run.stdout)).toEqual({
      channel: 'sms',
      accountId: 'default',
      to: HANDSET,
      from: FROM_NUMBER,
      media: [],
      parts: [{ sid: `SM${'1'.padStart(32, '0')}`, status: 'queued', body: 'hi', segments: 1 }],
    });
  });

  it('exits 2 without --target (defaultTo is for automated sends only)', async () => {
    const sender = createRecordingSender();
    const run = await send(['--message', 'hi'], sender);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual(["sms-channel: required option '--target <target>' not specified"]);
    expect(sender.sent).toEqual([]);
  });

  it('exits 2 without --message or --media', async () => {
    const run = await send(['--target', `sms:${HANDSET}`]);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([
      'sms-channel: --message is empty once formatted as SMS text, and no --media was given',
    ]);
  });

  it('exits 2 naming what is wrong with a bad target', async () => {
    const sender = createRecordingSender();
    for (const target of ['sms:+1-555-ABC-1234', 'whatsapp:+12025550142', 'sms:12345']) {
      const run = await send(['--target', target, '--message', 'hi'], sender);
      expect(run.exitCode, target).toBe(2);
      expect(run.stderrLines, target).toEqual([expect.stringMatching(/^sms-channel: Invalid SMS target /)]);
    }
    expect(sender.sent).toEqual([]);
  });

  it('exits 2 for another channel', async () => {
    const run = await send(['--channel', 'signal', '--target', `sms:${HANDSET}`, '--message', 'hi']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('unknown channel "signal"');
  });

  it('exits 2 for an unknown or disabled account', async () => {
    const unknown = await send(['--account', 'home', '--target', `sms:${HANDSET}`, '--message', 'hi']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('No SMS account "home"');
    const off = await send(['--account', 'off', '--target', `sms:${HANDSET}`, '--message', 'hi']);
    expect(off.exitCode).toBe(2);
    expect(off.stderr).toContain('SMS account "off" is disabled');
  });

  it('exits 2 when the account lacks credentials or a sender', async () => {
    await temp.remove();
    temp = await createTempConfig("{ channels: { sms: { fromNumber: '+12025550100' } } }");
    const run = await send(['--target', `sms:${HANDSET}`, '--message', 'hi']);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([
      'sms-channel: SMS account "default" cannot send: missing accountSid, authToken (config or TWILIO_* env vars)',
    ]);
  });

  it('exits 2 for a message that is empty once formatted', async () => {
    const run = await send(['--target', `sms:${HANDSET}`, '--message', '   ']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--message is empty');
  });

  it('exits 1 when Twilio refuses a part, naming the parts already sent', async () => {
    const refused = new TwilioSendError(
      new TwilioApiError({
        status: 400,
        twilioCode: 21610,
        twilioMessage: 'Attempt to send to unsubscribed recipient',
      }),
      { attempts: 1, to: HANDSET },
    );
    const sender = createRecordingSender((_, index) => (index === 1 ? refused : undefined));
    const text = 'word '.repeat(100);
    const run = await send(['--account', 'work', '--target', `sms:${HANDSET}`, '--message', text], sender);
    expect(run.exitCode).toBe(1);
    expect(run.stderrLines).toHaveLength(1);
    expect(run.stderrLines[0]).toMatch(
      /^sms-channel: part 2\/\d+ was refused \(already sent: SM0+1\): Could not send SMS to \+12025550142: .*21610/,
    );
    expect(sender.sent).toHaveLength(1);
  });

  it('sends an https media URL with the text as one MMS', async () => {
    const sender = createRecordingSender();
    const url = 'https://example.com/cat.jpg';
    const run = await send(
      ['--target', `sms:${HANDSET}`, '--message', 'look', '--media', url, '--json'],
      sender,
    );
    expect(run.exitCode).toBe(0);
    expect(sender.sent).toEqual([expect.objectContaining({ body: 'look', mediaUrls: [url] })]);
    expect(JSON.parse(run.stdout)).toMatchObject({ media: [url] });
  });

  it('sends media alone as one MMS with an empty body', async () => {
    const sender = createRecordingSender();
    const run = await send(['--target', `sms:${HANDSET}`, '--media', 'https://example.com/cat.jpg'], sender);
    expect(run.exitCode).toBe(0);
    expect(sender.sent).toEqual([
      expect.objectContaining({ body: '', mediaUrls: ['https://example.com/cat.jpg'] }),
    ]);
  });

  it('exits 2 for more than 10 media, sending nothing', async () => {
    const sender = createRecordingSender();
    const media = Array.from({ length: 11 }, (_, i) => ['--media', `https://example.com/${i}.jpg`]).flat();
    const run = await send(['--target', `sms:${HANDSET}`, '--message', 'hi', ...media], sender);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('at most 10 media');
    expect(sender.sent).toEqual([]);
  });

  it('exits 2 for media to a number outside the US and Canada, unless sent as links', async () => {
    const sender = createRecordingSender();
    const args = [
      '--target',
      'sms:+447700900123',
      '--message',
      'look',
      '--media',
      'https://example.com/cat.jpg',
    ];
    const refused = await send(args, sender);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('outside the US and Canada');
    expect(sender.sent).toEqual([]);
    const linked = await send([...args, '--media-as-links'], sender);
    expect(linked.exitCode).toBe(0);
    expect(sender.sent).toEqual([
      expect.objectContaining({ body: 'look\n\nhttps://example.com/cat.jpg', to: '+447700900123' }),
    ]);
  });

  it('exits 2 for a local file when the account has no https publicWebhookUrl to serve it from', async () => {
    const run = await send(['--target', `sms:${HANDSET}`, '--message', 'look', '--media', temp.file]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('set publicWebhookUrl to an https URL');
  });

  it('exits 2 for an image over 5 MB, naming the file', async () => {
    await temp.remove();
    temp = await createTempConfig(
      defaultConfigText({ publicWebhookUrl: 'https://sms.example.com/webhooks/sms' }),
    );
    const big = join(temp.dir, 'big.png');
    await writeFile(big, Buffer.concat([PNG_HEADER, Buffer.alloc(5 * 1024 * 1024)]));
    const run = await send(['--target', `sms:${HANDSET}`, '--message', 'look', '--media', big]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/big\.png is \d+ bytes: over the 5 MB/);
  });

  it('serves a local file at an unguessable https URL on the public origin', async () => {
    await temp.remove();
    temp = await createTempConfig(
      defaultConfigText({ publicWebhookUrl: 'https://sms.example.com/webhooks/sms' }),
    );
    const picture = join(temp.dir, 'cat.png');
    await writeFile(picture, PNG_HEADER);
    const sender = createRecordingSender();
    const run = await send(['--target', `sms:${HANDSET}`, '--media', picture], sender);
    expect(run.exitCode).toBe(0);
    expect(sender.sent[0]?.mediaUrls).toEqual([
      expect.stringMatching(/^https:\/\/sms\.example\.com\/sms-media\/[\w-]{43}$/),
    ]);
  });
});
