import type { ResolvedSmsAccount } from '@sms-channel/config';
import {
  isTwilioApiError,
  type TwilioPhoneNumber,
  type TwilioRestClient,
} from '@sms-channel/twilio-messaging';
import { describeError } from '../one-line.js';

/** The REST calls the probe makes (read-only). */
export type ProbeApi = Pick<
  TwilioRestClient,
  'fetchAccount' | 'findIncomingNumbers' | 'fetchMessagingService'
>;

export type ProbeCheckName = 'credentials' | 'sender' | 'webhook-url';
export type ProbeCheckStatus = 'ok' | 'failed' | 'skipped';

export interface ProbeCheck {
  name: ProbeCheckName;
  status: ProbeCheckStatus;
  detail: string;
}

/** The outcome of probing one account: `ok` when no check failed. */
export interface AccountProbe {
  ok: boolean;
  checks: ProbeCheck[];
}

export interface ProbeAccountOptions {
  /** Longest wait for each Twilio call. @default 10000 */
  timeoutMs?: number;
}

class ProbeTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`no answer from Twilio to ${what} within ${ms} ms`);
    this.name = 'ProbeTimeoutError';
  }
}

function withTimeout<T>(work: Promise<T>, what: string, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeoutError(what, ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const check = (name: ProbeCheckName, status: ProbeCheckStatus, detail: string): ProbeCheck => ({
  name,
  status,
  detail,
});

/** Twilio's error code of a failed call (20003 = bad credentials, 20404 = not found). */
function twilioCode(error: unknown): number | undefined {
  return isTwilioApiError(error) ? error.twilioCode : undefined;
}

/**
 * Compares where Twilio will POST texts with `publicWebhookUrl`, the URL the gateway checks signatures
 * against. Twilio signs "the full URL of your webhook as configured", so they must be the same string.
 */
function webhookCheck(configured: string | undefined, actual: string | null, owner: string): ProbeCheck {
  if (configured === undefined) {
    return check('webhook-url', 'skipped', 'publicWebhookUrl is not set: nothing to compare with');
  }
  if (actual === null || actual === '') {
    return check('webhook-url', 'failed', `${owner} has no SMS webhook URL; set it to ${configured}`);
  }
  if (actual === configured) return check('webhook-url', 'ok', `${owner} posts texts to ${configured}`);
  return check(
    'webhook-url',
    'failed',
    `${owner} posts texts to ${actual}, not publicWebhookUrl ${configured}`,
  );
}

async function probeNumber(
  api: ProbeApi,
  account: ResolvedSmsAccount,
  fromNumber: string,
  timeoutMs: number,
): Promise<ProbeCheck[]> {
  let numbers: TwilioPhoneNumber[];
  try {
    numbers = await withTimeout(api.findIncomingNumbers(fromNumber), 'the phone number lookup', timeoutMs);
  } catch (error) {
    return [check('sender', 'failed', describeError(error))];
  }
  const number = numbers.find((candidate) => candidate.phoneNumber === fromNumber);
  if (number === undefined) {
    return [
      check(
        'sender',
        'failed',
        `fromNumber ${fromNumber} is not a phone number of account ${account.accountSid}`,
      ),
      check('webhook-url', 'skipped', 'no phone number to read the SMS webhook URL of'),
    ];
  }
  return [
    check('sender', 'ok', `${fromNumber} (${number.sid}) belongs to the account`),
    webhookCheck(account.publicWebhookUrl, number.smsUrl, `number ${fromNumber}`),
  ];
}

async function probeService(
  api: ProbeApi,
  account: ResolvedSmsAccount,
  sid: string,
  timeoutMs: number,
): Promise<ProbeCheck[]> {
  try {
    const service = await withTimeout(
      api.fetchMessagingService(sid),
      'the Messaging Service lookup',
      timeoutMs,
    );
    const sender = check('sender', 'ok', `Messaging Service ${sid} ("${service.friendlyName}") exists`);
    if (service.useInboundWebhookOnNumber) {
      const detail = "the service uses each number's own SMS webhook URL; check them in the Twilio console";
      return [sender, check('webhook-url', 'skipped', detail)];
    }
    return [
      sender,
      webhookCheck(account.publicWebhookUrl, service.inboundRequestUrl, `Messaging Service ${sid}`),
    ];
  } catch (error) {
    const why =
      twilioCode(error) === 20404
        ? `no Messaging Service ${sid} on account ${account.accountSid}`
        : describeError(error);
    return [check('sender', 'failed', why)];
  }
}

/**
 * `channels status --probe` for one account: are the credentials valid (fetch the Account), does the sender
 * exist (the number among the account's IncomingPhoneNumbers, or the Messaging Service), and does Twilio post
 * texts to `publicWebhookUrl`. Read-only; every failure is a check, never a throw.
 */
export async function probeAccount(
  account: ResolvedSmsAccount,
  createApi: (account: ResolvedSmsAccount) => ProbeApi | Promise<ProbeApi>,
  options: ProbeAccountOptions = {},
): Promise<AccountProbe> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const finish = (checks: ProbeCheck[]): AccountProbe => ({
    ok: checks.every((item) => item.status !== 'failed'),
    checks,
  });
  if (!account.complete || account.accountSid === undefined) {
    return finish([check('credentials', 'failed', `missing ${account.missing.join(', ')}`)]);
  }
  let api: ProbeApi;
  try {
    api = await createApi(account);
    const found = await withTimeout(api.fetchAccount(), 'the Account fetch', timeoutMs);
    if (found.status !== 'active') {
      return finish([check('credentials', 'failed', `account "${found.friendlyName}" is ${found.status}`)]);
    }
  } catch (error) {
    return finish([check('credentials', 'failed', describeError(error))]);
  }
  const credentials = check('credentials', 'ok', `account ${account.accountSid} is active`);
  const rest =
    account.sender?.kind === 'number'
      ? await probeNumber(api, account, account.sender.from, timeoutMs)
      : await probeService(api, account, account.sender?.sid ?? '', timeoutMs);
  return finish([credentials, ...rest]);
}
