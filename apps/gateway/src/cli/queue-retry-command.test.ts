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

describe('queue retry', () => {
  let temp: TempConfig;
  beforeEach(async () => {
    temp = await createTempConfig(defaultConfigText({ accounts: { work: WORK_ACCOUNT } }));
  });
  afterEach(async () => {
    await temp.remove();
  });

  const retry = (...args: string[]) => runInProcess(['--config', temp.file, 'queue', 'retry', ...args]);

  it('puts a dead letter back in the queue with its attempts reset, for the gateway to hand out again', async () => {
    await seedDeadLetter(temp.storePath, { sid: messageSid(1), body: 'are you there?' });
    const run = await retry(messageSid(1));
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(
      `Requeued ${messageSid(1)} from ${HANDSET} on account "default": the gateway hands it to the assistant again (attempts reset).\n`,
    );
    await withStore(temp.storePath, async (store) => {
      expect(await store.listDeadLetters()).toEqual([]);
      expect(await store.claimInbound()).toMatchObject({
        messageSid: messageSid(1),
        attempts: 1,
        payload: inboundForm({ sid: messageSid(1), body: 'are you there?' }),
      });
    });
  });

  it('finds the message on whichever account holds it, or on the one given', async () => {
    await seedDeadLetter(temp.storePath, { sid: messageSid(1), accountId: 'work' });
    expect((await retry(messageSid(1), '--account', 'default')).exitCode).toBe(1);
    const run = await retry(messageSid(1));
    expect(run.stdout).toContain('on account "work"');
  });

  it('exits 1 for a MessageSid with no dead letter, pointing to the list', async () => {
    await withStore(temp.storePath, (store) =>
      store.admitInbound('default', messageSid(2), inboundForm({ sid: messageSid(2) })),
    );
    const run = await retry(messageSid(2));
    expect(run.exitCode).toBe(1);
    expect(run.stderrLines).toEqual([
      `sms-channel: no dead-lettered message has MessageSid ${messageSid(2)}; sms-channel queue list --dead lists them`,
    ]);
  });

  it('exits 1 when the gateway never ran here, naming the store it looked for', async () => {
    const run = await retry(messageSid(1));
    expect(run.exitCode).toBe(1);
    expect(run.stderrLines).toEqual([
      expect.stringMatching(
        /^sms-channel: no dead-lettered messages: the gateway's store .*store\.db does not exist/,
      ),
    ]);
  });

  it('exits 2 when the MessageSid is dead-lettered on several accounts and --account is missing', async () => {
    await seedDeadLetter(temp.storePath, { sid: messageSid(1), accountId: 'default' });
    await seedDeadLetter(temp.storePath, { sid: messageSid(1), accountId: 'work' });
    const run = await retry(messageSid(1));
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([
      `sms-channel: ${messageSid(1)} is dead-lettered on accounts "default", "work": say which one with --account`,
    ]);
  });

  it('exits 2 for something that is not a MessageSid', async () => {
    const run = await retry('SM123');
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([
      'sms-channel: "SM123" is not a Twilio MessageSid: SM or MM followed by 32 hexadecimal digits',
    ]);
  });
});
