import { createStoreSenderAccess } from '@sms-channel/channel-runtime';
import { createPairing } from '@sms-channel/phone-policy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from './__fixtures__/run-in-process.js';
import {
  createTempConfig,
  defaultConfigText,
  HANDSET,
  seedPendingPairing,
  type TempConfig,
  WORK_ACCOUNT,
  withStore,
} from './__fixtures__/temp-config.js';

const LISTED = '+12025550177';

describe('pairing revoke', () => {
  let temp: TempConfig;
  beforeEach(async () => {
    temp = await createTempConfig(
      defaultConfigText({ allowFrom: [LISTED], accounts: { work: WORK_ACCOUNT } }),
    );
  });
  afterEach(async () => {
    await temp.remove();
  });

  const revoke = (...args: string[]) =>
    runInProcess(['--config', temp.file, 'pairing', 'revoke', 'sms', ...args]);

  it('takes back an approval: the sender must pair again, and their next text gets a new code', async () => {
    await withStore(temp.storePath, (store) => store.pairing.addApproved('default', HANDSET));
    const run = await revoke(HANDSET);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(
      `Revoked ${HANDSET} on account "default": their next text gets a new pairing code.\n`,
    );
    await withStore(temp.storePath, async (store) => {
      expect(await store.pairing.isApproved('default', HANDSET)).toBe(false);
      const access = createStoreSenderAccess({ pairing: store.pairing });
      const policy = { dmPolicy: 'pairing' as const, allowFrom: [] };
      expect((await access.decide('default', HANDSET, policy)).action).toBe('pair');
      expect(await access.requestPairing('default', HANDSET)).toMatchObject({ kind: 'code' });
    });
  });

  it('cancels a pending code left beside the approval, so the old code cannot approve them again', async () => {
    const { code } = await seedPendingPairing(temp.storePath);
    // An approval written just before its request was deleted (a crash in between) leaves both.
    await withStore(temp.storePath, (store) => store.pairing.addApproved('default', HANDSET));
    const run = await revoke(HANDSET);
    expect(run.stdout).toContain('and cancelled their pending code');
    await withStore(temp.storePath, async (store) => {
      await expect(createPairing({ store: store.pairing }).approve('default', code)).rejects.toMatchObject({
        name: 'PairingCodeUnknownError',
      });
    });
  });

  it('cancels the pending request of a sender who was never approved', async () => {
    await seedPendingPairing(temp.storePath);
    const run = await revoke(HANDSET);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`Cancelled the pending pairing request of ${HANDSET} on account "default".\n`);
  });

  it('revokes on every account that approved the sender, or only the one given', async () => {
    await withStore(temp.storePath, async (store) => {
      await store.pairing.addApproved('default', HANDSET);
      await store.pairing.addApproved('work', HANDSET);
    });
    const one = await revoke(HANDSET, '--account', 'work');
    expect(one.stdout).toMatch(/^Revoked \+12025550142 on account "work"/);
    await withStore(temp.storePath, async (store) => {
      expect(await store.pairing.isApproved('default', HANDSET)).toBe(true);
    });
    const all = await revoke(HANDSET);
    expect(all.stdout).toMatch(/^Revoked \+12025550142 on account "default"/);
  });

  it('accepts the number as pasted: spaces and an sms: prefix', async () => {
    await withStore(temp.storePath, (store) => store.pairing.addApproved('default', HANDSET));
    expect((await revoke('sms:+1 202 555 0142')).exitCode).toBe(0);
  });

  it("exits 1 for a sender allowed by the config's allowFrom, saying to change the config instead", async () => {
    const run = await revoke(LISTED);
    expect(run.exitCode).toBe(1);
    expect(run.stderrLines).toEqual([
      `sms-channel: ${LISTED} is not a pairing approval: the config's allowFrom lets it in (accounts "default", "work"); remove it there (sms-channel config patch)`,
    ]);
  });

  it('warns that allowFrom still lets in a revoked sender it lists', async () => {
    await withStore(temp.storePath, (store) => store.pairing.addApproved('default', LISTED));
    const run = await revoke(LISTED, '--account', 'default');
    expect(run.exitCode).toBe(0);
    expect(run.stderrLines).toEqual([
      `sms-channel: warning: ${LISTED} is still allowed by allowFrom of account "default" (the config)`,
    ]);
  });

  it('exits 1 for a sender neither approved nor waiting', async () => {
    await withStore(temp.storePath, async () => {});
    const run = await revoke('+12025550199');
    expect(run.exitCode).toBe(1);
    expect(run.stderrLines).toEqual([
      'sms-channel: +12025550199 is neither approved nor waiting for approval; sms-channel pairing allowed sms lists who is',
    ]);
  });

  it('exits 2 for something that is not a phone number, before reading anything', async () => {
    const run = await revoke('+1-555-ABC-1234');
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([
      expect.stringMatching(/^sms-channel: Invalid phone number "\+1-555-ABC-1234"/),
    ]);
  });
});
