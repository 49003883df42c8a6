/**
 * The exit-code table of the README ("Exit codes"), one `it` per row, in the table's order. The row of 130 (a
 * second signal during the gateway's shutdown) needs a real process: it is in cli.e2e.test.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { createFakeProbeApi } from '@sms-channel/channel-runtime/testing';
import { TwilioApiError } from '@sms-channel/twilio-messaging';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordingSender, runInProcess } from './__fixtures__/run-in-process.js';
import {
  createTempConfig,
  defaultConfigText,
  HANDSET,
  messageSid,
  seedDeadLetter,
  seedPendingPairing,
  type TempConfig,
  WORK_ACCOUNT,
} from './__fixtures__/temp-config.js';

describe('exit codes (the README table, row by row)', () => {
  let temp: TempConfig;
  beforeEach(async () => {
    temp = await createTempConfig(
      defaultConfigText({ accounts: { work: WORK_ACCOUNT, off: { ...WORK_ACCOUNT, enabled: false } } }),
    );
  });
  afterEach(async () => {
    await temp.remove();
  });

  const cli = (args: string[], options: Parameters<typeof runInProcess>[1] = {}) =>
    runInProcess(['--config', temp.file, ...args], options);
  /** The exit code of each command line, run one after the other (they share the store). */
  const codes = async (...argvs: string[][]) => {
    const found: number[] = [];
    for (const argv of argvs) found.push((await cli(argv)).exitCode);
    return found;
  };
  const withConfig = async (text: string) => {
    await writeFile(temp.file, text);
  };

  it('0: the command did what was asked, --help and --version included', async () => {
    expect(await codes(['config', 'validate'], ['--help'], ['--version'])).toEqual([0, 0, 0]);
  });

  it('0: a list with nothing in it, before the gateway ever ran too', async () => {
    expect(
      await codes(
        ['pairing', 'list', 'sms'],
        ['pairing', 'allowed', 'sms'],
        ['queue', 'list'],
        ['queue', 'list', '--dead'],
      ),
    ).toEqual([0, 0, 0, 0]);
  });

  it('1: Twilio refused a send, or did not answer it', async () => {
    const refused = new TwilioApiError({ status: 400, twilioCode: 21211, twilioMessage: 'Invalid To' });
    const unanswered = new TwilioApiError({ status: 0, twilioMessage: 'socket hang up' });
    const send = (error: Error) =>
      cli(['message', 'send', '--target', `sms:${HANDSET}`, '--message', 'hi'], {
        deps: { sendSms: createRecordingSender(() => error).sendSms },
      });
    expect((await send(refused)).exitCode).toBe(1);
    expect((await send(unanswered)).exitCode).toBe(1);
  });

  it('1: a probe check failed (the report is still printed)', async () => {
    const run = await cli(['channels', 'status', '--probe'], {
      deps: { createProbeApi: async () => createFakeProbeApi({ numbers: [] }) },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('probe      FAILED');
  });

  it('1: nothing to act on - an unknown or expired code, a sender not approved, a MessageSid not dead-lettered', async () => {
    const { code } = await seedPendingPairing(temp.storePath, { now: () => Date.now() - 2 * 3_600_000 });
    await seedDeadLetter(temp.storePath, { sid: messageSid(1) });
    expect(
      await codes(
        ['pairing', 'approve', 'sms', code],
        ['pairing', 'approve', 'sms', 'ABCDEFGH'],
        ['pairing', 'revoke', 'sms', '+12025550199'],
        ['queue', 'retry', messageSid(2)],
      ),
    ).toEqual([1, 1, 1, 1]);
  });

  it('1: a file cannot be read - the config file is a directory, the store is damaged', async () => {
    await mkdir(temp.stateDir, { recursive: true });
    await writeFile(temp.storePath, 'this is not a SQLite database, and it is long enough to be read as one');
    const directory = await runInProcess(['--config', temp.dir, 'config', 'validate']);
    expect(directory.exitCode).toBe(1);
    expect(await codes(['pairing', 'list', 'sms'])).toEqual([1]);
  });

  it('1: the gateway cannot listen, or did not stop cleanly', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const taken = await cli(['gateway', '--port', String(port)]);
      expect(taken.exitCode).toBe(1);
      expect(taken.stderrLines).toEqual([expect.stringMatching(/EADDRINUSE/)]);
    } finally {
      blocker.close();
    }
    const unclean = await cli(['gateway'], {
      deps: {
        startGateway: async () => ({ url: 'http://x', close: () => Promise.reject(new Error('busy')) }),
      },
      waitForShutdown: async () => 'SIGTERM',
    });
    expect(unclean.exitCode).toBe(1);
  });

  it('2: an unknown command, option or channel, a missing argument or option, a value out of range', async () => {
    expect(
      await codes(
        ['sned'],
        ['queue', 'list', '--jsn'],
        ['pairing', 'allowed', 'whatsapp'],
        ['pairing', 'revoke', 'sms'],
        ['message', 'send', '--message', 'hi'],
        ['channels', 'status', '--probe', '--timeout', '0'],
        ['queue', 'list', '--limit', 'all'],
      ),
    ).toEqual([2, 2, 2, 2, 2, 2, 2]);
  });

  it('2: an argument that cannot be what it names - number, target, code, MessageSid, an empty message', async () => {
    expect(
      await codes(
        ['pairing', 'revoke', 'sms', '+1-555-ABC-1234'],
        ['message', 'send', '--target', 'sms:+1555', '--message', 'hi'],
        ['pairing', 'approve', 'sms', 'no!'],
        ['queue', 'retry', 'SM123'],
        ['message', 'send', '--target', `sms:${HANDSET}`, '--message', '   '],
      ),
    ).toEqual([2, 2, 2, 2, 2]);
  });

  it('2: an unknown account, a sending account that cannot send, a MessageSid on several accounts', async () => {
    await seedDeadLetter(temp.storePath, { sid: messageSid(1), accountId: 'default' });
    await seedDeadLetter(temp.storePath, { sid: messageSid(1), accountId: 'work' });
    expect(
      await codes(
        ['queue', 'list', '--account', 'nope'],
        ['message', 'send', '--account', 'off', '--target', `sms:${HANDSET}`, '--message', 'hi'],
        ['queue', 'retry', messageSid(1)],
      ),
    ).toEqual([2, 2, 2]);
  });

  it('2: the config file is missing, malformed or invalid (an unknown top-level section too), --json or not', async () => {
    const missing = await runInProcess(['--config', `${temp.dir}/none.json5`, 'config', 'validate']);
    expect(missing.exitCode).toBe(2);
    await withConfig('{ channels: { sms: { accountSid: AC1 } } }');
    expect(await codes(['config', 'validate'], ['config', 'validate', '--json'])).toEqual([2, 2]);
    await withConfig('{ gatway: { port: 9000 } }');
    const typo = await cli(['config', 'validate', '--json']);
    expect(typo.exitCode).toBe(2);
    expect(JSON.parse(typo.stdout).issues).toEqual([
      { path: 'gatway', severity: 'error', message: 'unknown key "gatway"; did you mean "gateway"?' },
    ]);
    expect(await codes(['config', 'validate'], ['pairing', 'list', 'sms'])).toEqual([2, 2]);
  });

  it('2: a secret the command needs cannot be read - the authToken or the agent apiKey secret ref', async () => {
    const sms = { authToken: { source: 'env', id: 'UNSET_TWILIO_TOKEN' } };
    await withConfig(defaultConfigText(sms));
    const probe = await cli(['channels', 'status', '--probe']);
    expect(probe.exitCode).toBe(2);
    expect(probe.stderrLines).toEqual([expect.stringContaining('UNSET_TWILIO_TOKEN')]);

    const agent = {
      kind: 'openai',
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'm',
      apiKey: { source: 'env', id: 'UNSET_OPENAI_KEY' },
    };
    await withConfig(JSON.stringify({ ...JSON.parse(defaultConfigText().replace(/^\/\/.*\n/, '')), agent }));
    const gateway = await cli(['gateway', '--port', '0']);
    expect(gateway.exitCode).toBe(2);
    expect(gateway.stderrLines).toEqual([
      expect.stringMatching(/^sms-channel: agent\.apiKey: .*UNSET_OPENAI_KEY/),
    ]);
  });
});
