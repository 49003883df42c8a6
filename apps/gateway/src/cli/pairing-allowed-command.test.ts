import { access } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from './__fixtures__/run-in-process.js';
import {
  createTempConfig,
  defaultConfigText,
  HANDSET,
  type TempConfig,
  WORK_ACCOUNT,
  withStore,
} from './__fixtures__/temp-config.js';

const LISTED = '+12025550177';

describe('pairing allowed', () => {
  let temp: TempConfig;
  beforeEach(async () => {
    temp = await createTempConfig(
      defaultConfigText({
        allowFrom: [LISTED],
        accounts: { work: { ...WORK_ACCOUNT, dmPolicy: 'allowlist' } },
      }),
    );
  });
  afterEach(async () => {
    await temp.remove();
  });

  const allowed = (...args: string[]) =>
    runInProcess(['--config', temp.file, 'pairing', 'allowed', 'sms', ...args]);

  it("lists the senders approved through pairing with the config's allowFrom entries, saying where each comes from", async () => {
    await withStore(temp.storePath, (store) => store.pairing.addApproved('default', HANDSET));
    const run = await allowed('--account', 'default');
    expect(run.exitCode).toBe(0);
    const [header, approved, listed, hint] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ACCOUNT\s+SENDER\s+SOURCE\s+IN EFFECT$/);
    expect(approved).toMatch(new RegExp(`^default\\s+\\${HANDSET}\\s+pairing approval\\s+yes$`));
    expect(listed).toMatch(new RegExp(`^default\\s+\\${LISTED}\\s+allowFrom \\(config\\)\\s+yes$`));
    expect(hint).toBe('Revoke an approval with: sms-channel pairing revoke sms <E.164>');
  });

  it('says a pairing approval has no effect on an account whose dmPolicy is not pairing', async () => {
    await withStore(temp.storePath, (store) => store.pairing.addApproved('work', HANDSET));
    const run = await allowed('--account', 'work', '--json');
    expect(JSON.parse(run.stdout).allowed).toEqual([
      { accountId: 'work', sender: HANDSET, source: 'pairing', inEffect: false },
      { accountId: 'work', sender: LISTED, source: 'allowFrom', inEffect: true },
    ]);
    const text = await allowed('--account', 'work');
    expect(text.stdout).toMatch(/pairing approval\s+no: dmPolicy is allowlist/);
  });

  it('prints every account with --json', async () => {
    await withStore(temp.storePath, async (store) => {
      await store.pairing.addApproved('default', HANDSET);
      await store.pairing.addApproved('work', '+12025550143');
    });
    const run = await allowed('--json');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      channel: 'sms',
      allowed: [
        { accountId: 'default', sender: HANDSET, source: 'pairing', inEffect: true },
        { accountId: 'default', sender: LISTED, source: 'allowFrom', inEffect: true },
        { accountId: 'work', sender: '+12025550143', source: 'pairing', inEffect: false },
        { accountId: 'work', sender: LISTED, source: 'allowFrom', inEffect: true },
      ],
    });
  });

  it('lists the allowFrom entries, and creates no store, before the gateway ever ran', async () => {
    const run = await allowed('--json');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).allowed.map((entry: { source: string }) => entry.source)).toEqual([
      'allowFrom',
      'allowFrom',
    ]);
    await expect(access(temp.stateDir)).rejects.toThrow();
  });

  it('says so when nobody is allowed', async () => {
    await temp.remove();
    temp = await createTempConfig();
    const run = await allowed();
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('No allowed SMS senders: nobody was approved, and allowFrom is empty.\n');
  });

  it('exits 2 for an unknown account or another channel', async () => {
    expect((await allowed('--account', 'nope')).exitCode).toBe(2);
    const other = await runInProcess(['--config', temp.file, 'pairing', 'allowed', 'telegram']);
    expect(other.exitCode).toBe(2);
  });
});
