import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPairing } from '@sms-channel/phone-policy';
import { openStore } from '@sms-channel/store';

/** The sandbox's default (fake) credentials and number, valid in shape. */
export const ACCOUNT_SID = 'AC5a4db0c05a4db0c05a4db0c05a4db0c0';
export const AUTH_TOKEN = 'f4cec0def4cec0def4cec0def4cec0de';
export const FROM_NUMBER = '+12025550100';
export const HANDSET = '+12025550142';

/** A second account, `work` (inherits the credentials), for tests of `--account` and of several accounts. */
export const WORK_ACCOUNT = { fromNumber: '+12025550111', webhookPath: '/webhooks/work' } as const;

export interface TempConfig {
  dir: string;
  /** The config file. */
  file: string;
  stateDir: string;
  storePath: string;
  read(): Promise<string>;
  remove(): Promise<void>;
}

/**
 * A config file in a fresh temporary directory, with `gateway.stateDir` inside it. `text` is the file's
 * content (JSON5); by default one complete account.
 */
export async function createTempConfig(text?: string): Promise<TempConfig> {
  const dir = await mkdtemp(join(tmpdir(), 'sms-channel-cli-'));
  const file = join(dir, 'config.json5');
  const stateDir = join(dir, 'state');
  await writeFile(file, text ?? defaultConfigText(), 'utf8');
  return {
    dir,
    file,
    stateDir,
    storePath: join(stateDir, 'store.db'),
    read: () => readFile(file, 'utf8'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** One complete account (the default) and `gateway.stateDir: './state'`; `sms` keys are merged in. */
export function defaultConfigText(sms: Record<string, unknown> = {}): string {
  const config = {
    channels: {
      sms: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: FROM_NUMBER, ...sms },
    },
    gateway: { stateDir: './state' },
  };
  return `// written by a test\n${JSON.stringify(config, null, 2)}\n`;
}

/** Issues a pairing code for `sender` in the store at `storePath`, as the gateway's worker would. */
export async function seedPendingPairing(
  storePath: string,
  options: { accountId?: string; sender?: string; now?: () => number } = {},
): Promise<{ code: string; expiresAt: number }> {
  const store = await openStore(storePath);
  try {
    const pairing = createPairing({ store: store.pairing, now: options.now });
    const result = await pairing.request(options.accountId ?? 'default', options.sender ?? HANDSET);
    if (result.status !== 'created') throw new Error(`expected a new pairing request, got ${result.status}`);
    return { code: result.code, expiresAt: result.expiresAt };
  } finally {
    await store.close();
  }
}
