import { APPROVED_TEXT } from '@sms-channel/channel-runtime';
import { openStore } from '@sms-channel/store';
import { TwilioApiError } from '@sms-channel/twilio-messaging';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordingSender, runInProcess } from './__fixtures__/run-in-process.js';
import {
  createTempConfig,
  defaultConfigText,
  HANDSET,
  seedPendingPairing,
  type TempConfig,
  WORK_ACCOUNT,
} from './__fixtures__/temp-config.js';

async function isApproved(storePath: string, accountId: string, sender: string): Promise<boolean> {
  const store = await openStore(storePath);
  try {
    return await store.pairing.isApproved(accountId, sender);
  } finally {
    await store.close();
  }
}

describe('pairing approve', () => {
  let temp: TempConfig;
  beforeEach(async () => {
    temp = await createTempConfig(
      defaultConfigText({
        accounts: { work: WORK_ACCOUNT },
      }),
    );
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('approves the sender and texts them a short note', async () => {
    const { code } = await seedPendingPairing(temp.storePath);
    const sender = createRecordingSender();
    const run = await runInProcess(['--config', temp.file, 'pairing', 'approve', 'sms', code], {
      deps: { sendSms: sender.sendSms },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`Approved ${HANDSET} on account "default" (code ${code}).`);
    expect(run.stdout).toContain(`Texted ${HANDSET} that they are approved (SM`);
    expect(sender.sent).toEqual([
      { account: expect.objectContaining({ accountId: 'default' }), to: HANDSET, body: APPROVED_TEXT },
    ]);
    expect(await isApproved(temp.storePath, 'default', HANDSET)).toBe(true);
  });

  it('accepts the code in any case, with spaces or dashes', async () => {
    const { code } = await seedPendingPairing(temp.storePath);
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();
    const run = await runInProcess([
      '--config',
      temp.file,
      'pairing',
      'approve',
      'sms',
      typed,
      '--no-notify',
    ]);
    expect(run.exitCode).toBe(0);
    expect(await isApproved(temp.storePath, 'default', HANDSET)).toBe(true);
  });

  it('finds the account holding the code when --account is not given', async () => {
    const { code } = await seedPendingPairing(temp.storePath, { accountId: 'work' });
    const sender = createRecordingSender();
    const run = await runInProcess(['--config', temp.file, 'pairing', 'approve', 'sms', code], {
      deps: { sendSms: sender.sendSms },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('on account "work"');
    expect(sender.sent[0]?.account.fromNumber).toBe(WORK_ACCOUNT.fromNumber);
    expect(await isApproved(temp.storePath, 'work', HANDSET)).toBe(true);
    expect(await isApproved(temp.storePath, 'default', HANDSET)).toBe(false);
  });

  it('does not text the sender with --no-notify', async () => {
    const { code } = await seedPendingPairing(temp.storePath);
    const sender = createRecordingSender();
    const run = await runInProcess(
      ['--config', temp.file, 'pairing', 'approve', 'sms', code, '--no-notify'],
      {
        deps: { sendSms: sender.sendSms },
      },
    );
    expect(run.exitCode).toBe(0);
    expect(sender.sent).toEqual([]);
  });

  it('keeps the approval and warns when the note cannot be sent', async () => {
    const { code } = await seedPendingPairing(temp.storePath);
    const refused = new TwilioApiError({ status: 400, twilioCode: 21610, twilioMessage: 'unsubscribed' });
    const sender = createRecordingSender(() => refused);
    const run = await runInProcess(['--config', temp.file, 'pairing', 'approve', 'sms', code], {
      deps: { sendSms: sender.sendSms },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stderrLines).toEqual([
      expect.stringMatching(
        /^sms-channel: warning: not texting \+12025550142 that they are approved: .*21610/,
      ),
    ]);
    expect(await isApproved(temp.storePath, 'default', HANDSET)).toBe(true);
  });

  it('does not text a sender who opted out', async () => {
    const { code } = await seedPendingPairing(temp.storePath);
    const store = await openStore(temp.storePath);
    await store.recordOptOut('default', HANDSET);
    await store.close();
    const sender = createRecordingSender();
    const run = await runInProcess(['--config', temp.file, 'pairing', 'approve', 'sms', code], {
      deps: { sendSms: sender.sendSms },
    });
    expect(run.exitCode).toBe(0);
    expect(sender.sent).toEqual([]);
    expect(run.stderr).toContain('they texted STOP');
  });

  it('warns instead of texting when the account cannot send', async () => {
    await temp.remove();
    temp = await createTempConfig(
      "{ channels: { sms: { accountSid: 'AC5a4db0c05a4db0c05a4db0c05a4db0c0' } }, gateway: { stateDir: './state' } }",
    );
    const { code } = await seedPendingPairing(temp.storePath);
    const run = await runInProcess(['--config', temp.file, 'pairing', 'approve', 'sms', code]);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('is missing authToken, fromNumber or messagingServiceSid');
    expect(await isApproved(temp.storePath, 'default', HANDSET)).toBe(true);
  });

  it('exits 1 for a well-formed code no request has', async () => {
    await seedPendingPairing(temp.storePath);
    const run = await runInProcess(['--config', temp.file, 'pairing', 'approve', 'sms', 'ZZZZZZZZ']);
    expect(run.exitCode).toBe(1);
    expect(run.stderrLines).toEqual([
      'sms-channel: no pending pairing request of any account has the code "ZZZZZZZZ"; see sms-channel pairing list sms',
    ]);
  });

  it('exits 1 for an expired code, telling the sender to text again', async () => {
    const now = Date.UTC(2026, 10, 27, 15, 0, 0);
    const { code } = await seedPendingPairing(temp.storePath, { now: () => now });
    const run = await runInProcess(['--config', temp.file, 'pairing', 'approve', 'sms', code], {
      deps: { now: () => now + 3_600_001 },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('the sender must text again');
    expect(await isApproved(temp.storePath, 'default', HANDSET)).toBe(false);
  });

  it('exits 2 for something that cannot be a code', async () => {
    const run = await runInProcess(['--config', temp.file, 'pairing', 'approve', 'sms', 'hello']);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([
      'sms-channel: "hello" is not a pairing code: codes are 8 characters of 23456789ABCDEFGHJKMNPQRSTUVWXYZ',
    ]);
  });

  it('exits 1 when the gateway never created its store', async () => {
    const run = await runInProcess(['--config', temp.file, 'pairing', 'approve', 'sms', 'ZZZZZZZZ']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`${temp.storePath} does not exist`);
  });

  it('looks only at the account named by --account', async () => {
    const { code } = await seedPendingPairing(temp.storePath, { accountId: 'work' });
    const run = await runInProcess([
      '--config',
      temp.file,
      'pairing',
      'approve',
      'sms',
      code,
      '--account',
      'default',
    ]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('no pending pairing request of account "default"');
  });
});
