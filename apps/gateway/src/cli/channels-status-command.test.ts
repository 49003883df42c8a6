import { createFakeProbeApi, type FakeTwilio } from '@sms-channel/channel-runtime/testing';
import { openStore } from '@sms-channel/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from './__fixtures__/run-in-process.js';
import {
  createTempConfig,
  defaultConfigText,
  FROM_NUMBER,
  seedPendingPairing,
  type TempConfig,
} from './__fixtures__/temp-config.js';

const PUBLIC_URL = 'https://assistant.example.com/webhooks/sms';

describe('channels status', () => {
  let temp: TempConfig;
  beforeEach(async () => {
    temp = await createTempConfig(
      defaultConfigText({
        publicWebhookUrl: PUBLIC_URL,
        accounts: {
          default: {},
          off: { enabled: false, fromNumber: '+12025550112', webhookPath: '/webhooks/off' },
        },
      }),
    );
  });
  afterEach(async () => {
    await temp.remove();
  });

  const status = (args: string[], fake: FakeTwilio = {}) =>
    runInProcess(['--config', temp.file, 'channels', 'status', '--channel', 'sms', ...args], {
      deps: { createProbeApi: async () => createFakeProbeApi(fake) },
    });
  const numberPostingTo = (smsUrl: string): FakeTwilio => ({
    numbers: [
      {
        sid: `PN${'0'.repeat(32)}`,
        phoneNumber: FROM_NUMBER,
        smsUrl,
        smsMethod: 'POST',
        smsApplicationSid: null,
      },
    ],
  });
  const matching = numberPostingTo(PUBLIC_URL);

  it('summarises every account without calling Twilio', async () => {
    const run = await runInProcess(['--config', temp.file, 'channels', 'status'], {
      deps: { createProbeApi: () => Promise.reject(new Error('must not probe')) },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('default (default): ready');
    expect(run.stdout).toContain(`  sender     ${FROM_NUMBER} (phone number)`);
    expect(run.stdout).toContain(`  webhook    POST /webhooks/sms; public URL ${PUBLIC_URL}`);
    expect(run.stdout).toContain('  access     dmPolicy pairing; no store yet');
    expect(run.stdout).toContain('off: disabled');
  });

  it('counts pending pairings and approved senders from the store', async () => {
    await seedPendingPairing(temp.storePath);
    const store = await openStore(temp.storePath);
    await store.pairing.addApproved('default', '+12025550143');
    await store.close();
    const run = await status(['--json']);
    const report = JSON.parse(run.stdout);
    expect(report.accounts[0]).toMatchObject({
      accountId: 'default',
      pendingPairings: 1,
      approvedSenders: 1,
    });
  });

  it('prints a JSON report with --json', async () => {
    const run = await status(['--json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      channel: 'sms',
      configFile: temp.file,
      stateDir: temp.stateDir,
      defaultAccountId: 'default',
      ok: true,
      accounts: [
        {
          accountId: 'default',
          isDefault: true,
          enabled: true,
          complete: true,
          missing: [],
          sender: { kind: 'phone-number', value: FROM_NUMBER },
          webhookPath: '/webhooks/sms',
          publicWebhookUrl: PUBLIC_URL,
          signatureValidation: true,
          dmPolicy: 'pairing',
          textChunkLimit: 1500,
          pendingPairings: null,
        },
        { accountId: 'off', enabled: false },
      ],
    });
  });

  it('with --probe, reports each check and exits 0 when all pass', async () => {
    const run = await status(['--probe', '--json'], matching);
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(true);
    expect(report.accounts[0].probe).toEqual({
      ok: true,
      checks: [
        { name: 'credentials', status: 'ok', detail: expect.any(String) },
        { name: 'sender', status: 'ok', detail: expect.any(String) },
        { name: 'webhook-url', status: 'ok', detail: expect.any(String) },
        { name: 'webhook-method', status: 'ok', detail: expect.any(String) },
      ],
    });
  });

  it("gives the probe's Twilio client the --timeout, so no request outlives the probe", async () => {
    const asked: unknown[] = [];
    const run = await runInProcess(
      ['--config', temp.file, 'channels', 'status', '--probe', '--timeout', '1234'],
      {
        deps: {
          createProbeApi: async (_account, options) => {
            asked.push(options);
            return createFakeProbeApi(matching);
          },
        },
      },
    );
    expect(run.exitCode).toBe(0);
    expect(asked).toEqual([{ timeoutMs: 1234 }]);
  });

  it('says which setting to change when the webhook method is GET (exit 1)', async () => {
    const getting = { numbers: [{ ...(matching.numbers as object[])[0], smsMethod: 'GET' }] } as FakeTwilio;
    const run = await status(['--probe'], getting);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /webhook-method\s+failed\s+number \+12025550100 sends texts with HTTP GET, .*set the method of its "A message comes in" webhook to HTTP POST/,
    );
  });

  it('does not probe a disabled account', async () => {
    const run = await status(['--probe', '--json'], matching);
    expect(JSON.parse(run.stdout).accounts[1]).not.toHaveProperty('probe');
  });

  it('with --probe, exits 1 when a check fails, still printing the report', async () => {
    const run = await status(['--probe'], numberPostingTo('https://old.example/sms'));
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('  probe      FAILED');
    expect(run.stdout).toMatch(
      /webhook-url\s+failed\s+number \+12025550100 posts texts to https:\/\/old\.example\/sms/,
    );
    expect(run.stderrLines).toEqual(['sms-channel: probe failed for account(s) default']);
  });

  it('exits 2 for a bad --timeout', async () => {
    const run = await status(['--probe', '--timeout', 'soon']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("option '--timeout <ms>' argument 'soon' is invalid");
  });

  it('exits 2 for another channel', async () => {
    const run = await runInProcess(['--config', temp.file, 'channels', 'status', '--channel', 'discord']);
    expect(run.exitCode).toBe(2);
  });
});
