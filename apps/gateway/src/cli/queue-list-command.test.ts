import { access } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from './__fixtures__/run-in-process.js';
import {
  createTempConfig,
  defaultConfigText,
  HANDSET,
  inboundForm,
  messageSid,
  seedDeadLetter,
  type TempConfig,
  WORK_ACCOUNT,
  withStore,
} from './__fixtures__/temp-config.js';

describe('queue list', () => {
  let temp: TempConfig;
  beforeEach(async () => {
    temp = await createTempConfig(defaultConfigText({ accounts: { work: WORK_ACCOUNT } }));
  });
  afterEach(async () => {
    await temp.remove();
  });

  const list = (...args: string[]) => runInProcess(['--config', temp.file, 'queue', 'list', ...args]);

  it('says the queue is empty, and creates no store, before the gateway ever ran', async () => {
    const run = await list();
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(
      'Queue: empty (the gateway has not run with this state directory yet).\nNo messages waiting or in progress.\n',
    );
    await expect(access(temp.stateDir)).rejects.toThrow();
  });

  it('lists the messages waiting, in progress and waiting for a retry, oldest first, with the counts', async () => {
    await withStore(temp.storePath, async (store) => {
      for (const n of [1, 2, 3]) {
        await store.admitInbound(
          'default',
          messageSid(n),
          inboundForm({ sid: messageSid(n), from: `+1202555010${n}` }),
        );
      }
      await store.claimInbound();
      const second = await store.claimInbound();
      await store.failInbound(second?.id ?? 0, { reason: 'Twilio 503', retryAfterMs: 600_000 });
    });
    const run = await list();
    expect(run.exitCode).toBe(0);
    const [counts, header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(counts).toBe('Queue: 2 waiting, 1 in progress, 0 dead-lettered (all accounts).');
    expect(header).toMatch(
      /^ACCOUNT\s+MESSAGE SID\s+FROM\s+STATE\s+ATTEMPTS\s+RECEIVED\s+TEXT\s+LAST ERROR$/,
    );
    expect(rows).toEqual([
      expect.stringMatching(
        new RegExp(`^default\\s+${messageSid(1)}\\s+\\+12025550101\\s+in progress\\s+1\\s+`),
      ),
      expect.stringMatching(
        new RegExp(
          `^default\\s+${messageSid(2)}\\s+\\+12025550102\\s+retry in 10 min\\s+1\\s+.*hello\\s+Twilio 503$`,
        ),
      ),
      expect.stringMatching(new RegExp(`^default\\s+${messageSid(3)}\\s+\\+12025550103\\s+waiting\\s+0\\s+`)),
    ]);
  });

  it('prints JSON with --json: the counts and each message with its fields and times', async () => {
    const now = Date.now();
    await withStore(temp.storePath, (store) =>
      store.admitInbound(
        'work',
        messageSid(1),
        inboundForm({ sid: messageSid(1), body: 'what time is it?' }),
      ),
    );
    const run = await list('--json');
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      dead: false,
      counts: { pending: 1, claimed: 0, completed: 0, deadLettered: 0 },
      messages: [
        {
          accountId: 'work',
          messageSid: messageSid(1),
          from: HANDSET,
          to: '+12025550100',
          body: 'what time is it?',
          numMedia: 0,
          attempts: 0,
          state: 'waiting',
          leaseUntil: null,
          lastError: null,
        },
      ],
    });
    expect(Date.parse(report.messages[0].admittedAt)).toBeGreaterThanOrEqual(now - 1000);
  });

  it('lists the dead letters with --dead, newest first, with why they failed and how to retry', async () => {
    await seedDeadLetter(temp.storePath, {
      sid: messageSid(1),
      reason: 'agent command exited with status 1',
    });
    await seedDeadLetter(temp.storePath, { sid: messageSid(2), from: '+12025550143', body: 'second' });
    const run = await list('--dead');
    expect(run.exitCode).toBe(0);
    const [counts, header, newest, oldest, hint] = run.stdout.trimEnd().split('\n');
    expect(counts).toBe('Queue: 0 waiting, 0 in progress, 2 dead-lettered (all accounts).');
    expect(header).toMatch(/^ACCOUNT\s+MESSAGE SID\s+FROM\s+ATTEMPTS\s+GAVE UP\s+TEXT\s+REASON$/);
    expect(newest).toMatch(new RegExp(`^default\\s+${messageSid(2)}\\s+\\+12025550143\\s+1\\s+.+second\\s+`));
    expect(oldest).toMatch(
      new RegExp(`^default\\s+${messageSid(1)}\\s+.*agent command exited with status 1$`),
    );
    expect(hint).toBe('Hand one to the assistant again with: sms-channel queue retry <MESSAGE SID>');
  });

  it('prints the dead letters as JSON with --dead --json', async () => {
    await seedDeadLetter(temp.storePath, { sid: messageSid(1), reason: 'Twilio 21211' });
    const report = JSON.parse((await list('--dead', '--json')).stdout);
    expect(report.dead).toBe(true);
    expect(report.messages).toEqual([
      expect.objectContaining({
        accountId: 'default',
        messageSid: messageSid(1),
        from: HANDSET,
        reason: 'Twilio 21211',
        deadLetteredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('lists one account with --account, and at most --limit messages', async () => {
    await withStore(temp.storePath, async (store) => {
      await store.admitInbound('default', messageSid(1), inboundForm({ sid: messageSid(1) }));
      await store.admitInbound('work', messageSid(2), inboundForm({ sid: messageSid(2) }));
      await store.admitInbound(
        'work',
        messageSid(3),
        inboundForm({ sid: messageSid(3), from: '+12025550143' }),
      );
    });
    const sids = async (...args: string[]) =>
      JSON.parse((await list('--json', ...args)).stdout).messages.map(
        (m: { messageSid: string }) => m.messageSid,
      );
    expect(await sids('--account', 'work')).toEqual([messageSid(2), messageSid(3)]);
    expect(await sids('--limit', '1')).toEqual([messageSid(1)]);
  });

  it('exits 2 for an unknown account or a bad --limit', async () => {
    expect((await list('--account', 'nope')).exitCode).toBe(2);
    const bad = await list('--limit', '0');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderrLines).toEqual([
      "sms-channel: option '--limit <n>' argument '0' is invalid. must be a whole number from 1 to 10000",
    ]);
  });
});
