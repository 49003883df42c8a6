import { randomBytes } from 'node:crypto';
import { access } from 'node:fs/promises';
import { APPROVED_TEXT } from '@sms-channel/channel-runtime';
import { createPairing } from '@sms-channel/phone-policy';
import { openPostgresStore } from '@sms-channel/store';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../runtime/__fixtures__/postgres-cluster.js';
import { createRecordingSender, runInProcess } from './__fixtures__/run-in-process.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  createTempConfig,
  FROM_NUMBER,
  HANDSET,
  type TempConfig,
} from './__fixtures__/temp-config.js';

// The CLI opens the store the gateway's config names (one factory for both): with `gateway.store.url` set, the
// pairing and queue commands work on the PostgreSQL database the gateways share, never on a local SQLite file.
let cluster: TestCluster;
let temp: TempConfig;
let schema: string;

beforeAll(() => {
  cluster = startTestCluster();
});
afterAll(() => cluster.destroy());
beforeEach(async () => {
  schema = `cli_${randomBytes(6).toString('hex')}`;
  const config = {
    channels: { sms: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: FROM_NUMBER } },
    gateway: {
      stateDir: './state',
      store: { url: cluster.url, password: { source: 'env', id: 'TEST_DB_PASSWORD' }, schema, poolSize: 2 },
    },
  };
  temp = await createTempConfig(`${JSON.stringify(config, null, 2)}\n`);
});
afterEach(async () => {
  await temp.remove();
});

async function withDatabase<T>(work: (store: Awaited<ReturnType<typeof openPostgresStore>>) => Promise<T>) {
  const store = await openPostgresStore({
    connectionString: cluster.url,
    password: cluster.password,
    schema,
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('the CLI on a PostgreSQL store', { timeout: 120_000 }, () => {
  it('lists and approves a pairing request held in the database, and creates no SQLite file', async () => {
    const { code } = await withDatabase(async (store) => {
      const result = await createPairing({ store: store.pairing }).request('default', HANDSET);
      if (result.status !== 'created')
        throw new Error(`expected a new pairing request, got ${result.status}`);
      return result;
    });
    const env = { TEST_DB_PASSWORD: cluster.password };

    const listed = await runInProcess(['--config', temp.file, 'pairing', 'list', 'sms'], { env });
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toMatch(new RegExp(`^default\\s+\\${HANDSET}\\s+${code}\\s`, 'm'));

    const sender = createRecordingSender();
    const approved = await runInProcess(['--config', temp.file, 'pairing', 'approve', 'sms', code], {
      env,
      deps: { sendSms: sender.sendSms },
    });
    expect(approved.exitCode).toBe(0);
    expect(sender.sent.map((sent) => sent.body)).toEqual([APPROVED_TEXT]);
    expect(await withDatabase((store) => store.pairing.isApproved('default', HANDSET))).toBe(true);
    await expect(access(temp.storePath)).rejects.toThrow();
  });

  it('fails with the database password secret ref it could not read, naming it', async () => {
    const run = await runInProcess(['--config', temp.file, 'pairing', 'approve', 'sms', 'ABCD2345'], {
      env: {},
    });
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(
      /gateway\.store\.password: .*needs environment variable TEST_DB_PASSWORD, which is not set/,
    );
  });
});
