import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPairing } from '@sms-channel/phone-policy';
import { type GatewayStore, openStore } from '@sms-channel/store';

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

/** Runs `work` on the store at `storePath` (created when missing), as the gateway would, then closes it. */
export async function withStore<T>(storePath: string, work: (store: GatewayStore) => Promise<T>): Promise<T> {
  const store = await openStore(storePath);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** A Twilio-shaped MessageSid: `SM` and 32 hex digits, the number `n` at the end. */
export function messageSid(n: number): string {
  return `SM${String(n).padStart(32, '0')}`;
}

/** The webhook form the gateway stores for an inbound text. */
export function inboundForm(options: { sid: string; from?: string; body?: string }): Record<string, string> {
  return {
    MessageSid: options.sid,
    AccountSid: ACCOUNT_SID,
    From: options.from ?? HANDSET,
    To: FROM_NUMBER,
    Body: options.body ?? 'hello',
    NumMedia: '0',
  };
}

/** Admits a message and dead-letters it, as the gateway's worker does when the assistant fails for good. */
export async function seedDeadLetter(
  storePath: string,
  options: { sid: string; accountId?: string; from?: string; body?: string; reason?: string },
): Promise<void> {
  await withStore(storePath, async (store) => {
    await store.admitInbound(options.accountId ?? 'default', options.sid, inboundForm(options));
    const claimed = await store.claimInbound();
    if (claimed === null) throw new Error('expected the message to be claimable');
    await store.deadLetterInbound(claimed.id, options.reason ?? 'agent command exited with status 1');
  });
}
