import { access } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from './__fixtures__/run-in-process.js';
import {
  createTempConfig,
  defaultConfigText,
  HANDSET,
  seedPendingPairing,
  type TempConfig,
  WORK_ACCOUNT,
} from './__fixtures__/temp-config.js';

describe('pairing list', () => {
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

  it('says there is nothing pending, and creates no store, before the gateway ever ran', async () => {
    const run = await runInProcess(['--config', temp.file, 'pairing', 'list', 'sms']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('No pending SMS pairing requests.\n');
    await expect(access(temp.stateDir)).rejects.toThrow();
  });

  it('lists each pending request with its account, sender and code', async () => {
    const { code } = await seedPendingPairing(temp.storePath);
    const run = await runInProcess(['--config', temp.file, 'pairing', 'list', 'sms']);
    expect(run.exitCode).toBe(0);
    const [header, row, hint] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ACCOUNT\s+SENDER\s+CODE\s+REQUESTED\s+EXPIRES$/);
    expect(row).toMatch(new RegExp(`^default\\s+\\${HANDSET}\\s+${code}\\s+.+ago\\s+in (59|60) min$`));
    expect(hint).toBe('Approve one with: sms-channel pairing approve sms <CODE>');
  });

  it('prints JSON with --json', async () => {
    const now = Date.UTC(2026, 10, 27, 15, 0, 0);
    const { code } = await seedPendingPairing(temp.storePath, { accountId: 'work', now: () => now });
    const run = await runInProcess(['--config', temp.file, 'pairing', 'list', 'sms', '--json'], {
      deps: { now: () => now + 60_000 },
    });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      channel: 'sms',
      requests: [
        {
          accountId: 'work',
          sender: HANDSET,
          code,
          requestedAt: '2026-11-27T15:00:00.000Z',
          expiresAt: '2026-11-27T16:00:00.000Z',
        },
      ],
    });
  });

  it('leaves out expired requests', async () => {
    const now = Date.UTC(2026, 10, 27, 15, 0, 0);
    await seedPendingPairing(temp.storePath, { now: () => now });
    const run = await runInProcess(['--config', temp.file, 'pairing', 'list', 'sms', '--json'], {
      deps: { now: () => now + 3_600_000 },
    });
    expect(JSON.parse(run.stdout).requests).toEqual([]);
  });

  it('shows one account with --account', async () => {
    await seedPendingPairing(temp.storePath, { accountId: 'default' });
    await seedPendingPairing(temp.storePath, { accountId: 'work', sender: '+12025550143' });
    const run = await runInProcess([
      '--config',
      temp.file,
      'pairing',
      'list',
      'sms',
      '--account',
      'work',
      '--json',
    ]);
    expect(JSON.parse(run.stdout).requests.map((r: { sender: string }) => r.sender)).toEqual([
      '+12025550143',
    ]);
  });

  it('exits 2 for an unknown account', async () => {
    const run = await runInProcess(['--config', temp.file, 'pairing', 'list', 'sms', '--account', 'home']);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual(['sms-channel: No SMS account "home" (known: "default", "work")']);
  });

  it('exits 2 for another channel', async () => {
    const run = await runInProcess(['--config', temp.file, 'pairing', 'list', 'telegram']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('the only channel supported here is "sms"');
  });
});
