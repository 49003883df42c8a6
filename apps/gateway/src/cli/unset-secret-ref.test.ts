/**
 * Commands that never call Twilio work in a shell without the gateway's secrets. Regression: with
 * `authToken: { source: "env", id: "TWILIO_AUTH_TOKEN" }` and the variable unset, `pairing list`, `config
 * validate`, `channels capabilities` and `channels status` all failed with the secret ref error, and `pairing
 * approve` could not approve at all.
 */
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

const ENV_REF = { source: 'env', id: 'TWILIO_AUTH_TOKEN' };
/** The shell's environment: the ref's variable is not set. */
const env = {};

describe('CLI commands with an env secret ref that is unset in this shell', () => {
  let temp: TempConfig;
  beforeEach(async () => {
    temp = await createTempConfig(defaultConfigText({ authToken: ENV_REF }));
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('pairing list lists the pending requests', async () => {
    const { code } = await seedPendingPairing(temp.storePath);
    const run = await runInProcess(['--config', temp.file, 'pairing', 'list', 'sms'], { env });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(code);
    expect(run.stderr).toBe('');
  });

  it('config validate passes, warning that the secret is not set here', async () => {
    const run = await runInProcess(['--config', temp.file, 'config', 'validate'], { env });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`${temp.file}: valid`);
    expect(run.stdout).toMatch(
      /warning: channels\.sms\.authToken: .*TWILIO_AUTH_TOKEN, which is not set; not read/,
    );
  });

  it('channels capabilities --account reads the account', async () => {
    const run = await runInProcess(
      [
        '--config',
        temp.file,
        'channels',
        'capabilities',
        '--channel',
        'sms',
        '--account',
        'default',
        '--json',
      ],
      { env },
    );
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toBeTypeOf('object');
  });

  it('channels status (no probe) reports the account, the token as not read here', async () => {
    const run = await runInProcess(
      ['--config', temp.file, 'channels', 'status', '--channel', 'sms', '--json'],
      {
        env,
      },
    );
    expect(run.exitCode).toBe(0);
    const [account] = JSON.parse(run.stdout).accounts;
    expect(account).toMatchObject({ accountId: 'default', complete: false, missing: ['authToken'] });
    expect(account.unreadSecret).toMatch(/TWILIO_AUTH_TOKEN, which is not set/);
  });

  it('channels status reports the token as not read here for a named account that inherits it', async () => {
    const inherited = await createTempConfig(
      defaultConfigText({
        authToken: ENV_REF,
        accounts: { work: WORK_ACCOUNT },
      }),
    );
    try {
      const run = await runInProcess(
        ['--config', inherited.file, 'channels', 'status', '--channel', 'sms', '--json'],
        { env },
      );
      expect(run.exitCode).toBe(0);
      const accounts = JSON.parse(run.stdout).accounts as { accountId: string; unreadSecret?: string }[];
      expect(accounts.map((account) => account.accountId).sort()).toEqual(['default', 'work']);
      for (const account of accounts)
        expect(account.unreadSecret).toMatch(/TWILIO_AUTH_TOKEN, which is not set/);
    } finally {
      await inherited.remove();
    }
  });

  it('channels status --probe still needs the secret, and says which', async () => {
    const run = await runInProcess(
      ['--config', temp.file, 'channels', 'status', '--channel', 'sms', '--probe'],
      {
        env,
      },
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([expect.stringMatching(/TWILIO_AUTH_TOKEN, which is not set/)]);
  });

  it('pairing approve approves, and skips the approval note with a warning', async () => {
    const { code } = await seedPendingPairing(temp.storePath);
    const recorder = createRecordingSender();
    const run = await runInProcess(['--config', temp.file, 'pairing', 'approve', 'sms', code], {
      env,
      deps: { sendSms: recorder.sendSms },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`Approved ${HANDSET} on account "default"`);
    expect(run.stderrLines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^sms-channel: warning: not texting \\${HANDSET} that they are approved: the auth token cannot be read: .*TWILIO_AUTH_TOKEN`,
        ),
      ),
    ]);
    expect(recorder.sent).toEqual([]);
  });

  it('pairing approve texts the note as before when the secret is set', async () => {
    const { code } = await seedPendingPairing(temp.storePath);
    const recorder = createRecordingSender();
    const run = await runInProcess(['--config', temp.file, 'pairing', 'approve', 'sms', code], {
      env: { TWILIO_AUTH_TOKEN: 'f4cec0def4cec0def4cec0def4cec0de' },
      deps: { sendSms: recorder.sendSms },
    });
    expect(run.exitCode).toBe(0);
    expect(recorder.sent).toHaveLength(1);
    expect(recorder.sent[0]?.account.authToken).toBe('f4cec0def4cec0def4cec0def4cec0de');
  });

  it('message send still needs the secret (it calls Twilio), and says which', async () => {
    const run = await runInProcess(
      ['--config', temp.file, 'message', 'send', '--target', 'sms:+12025550142', '--message', 'hi'],
      { env },
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([expect.stringMatching(/TWILIO_AUTH_TOKEN, which is not set/)]);
  });

  it("message send needs only the sending account's secret, not another account's", async () => {
    // Regression: the send read every account's secret, so an unset one on "work" stopped sends from "default".
    const twoTokens = await createTempConfig(
      defaultConfigText({
        accounts: {
          work: { ...WORK_ACCOUNT, authToken: ENV_REF },
        },
      }),
    );
    const recorder = createRecordingSender();
    const send = (account: string) =>
      runInProcess(
        [
          '--config',
          twoTokens.file,
          'message',
          'send',
          '--account',
          account,
          '--target',
          HANDSET,
          '--message',
          'hi',
        ],
        { env, deps: { sendSms: recorder.sendSms } },
      );
    try {
      const fromDefault = await send('default');
      expect(fromDefault.exitCode).toBe(0);
      expect(recorder.sent).toEqual([expect.objectContaining({ to: HANDSET, body: 'hi' })]);
      const fromWork = await send('work');
      expect(fromWork.exitCode).toBe(2);
      expect(fromWork.stderrLines).toEqual([
        expect.stringMatching(
          /^sms-channel: SMS account "work" cannot send: .*TWILIO_AUTH_TOKEN, which is not set/,
        ),
      ]);
      expect(recorder.sent).toHaveLength(1);
    } finally {
      await twoTokens.remove();
    }
  });
});
