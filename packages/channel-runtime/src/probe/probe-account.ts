import type { ResolvedSmsAccount } from '@sms-channel/config';
import {
  isTwilioApiError,
  type TwilioPhoneNumber,
  type TwilioRestClient,
} from '@sms-channel/twilio-messaging';
import { describeError } from '../one-line.js';
import { findInboundRoute, type InboundRoute, serviceRoute } from './inbound-route.js';
import { check, type ProbeCheck } from './probe-check.js';
import { withTimeout } from './probe-timeout.js';
import { webhookMethodCheck, webhookUrlCheck } from './webhook-checks.js';

export type { ProbeCheck, ProbeCheckName, ProbeCheckStatus } from './probe-check.js';

/** The REST calls the probe makes (read-only). */
export type ProbeApi = Pick<
  TwilioRestClient,
  | 'fetchAccount'
  | 'findIncomingNumbers'
  | 'fetchMessagingService'
  | 'listMessagingServices'
  | 'listMessagingServiceNumbers'
  | 'fetchApplication'
>;

/** The outcome of probing one account: `ok` when no check failed. */
export interface AccountProbe {
  ok: boolean;
  checks: ProbeCheck[];
}

export interface ProbeAccountOptions {
  /** Longest wait for each Twilio call. @default 10000 */
  timeoutMs?: number;
}

/** Twilio's error code of a failed call (20003 = bad credentials, 20404 = not found). */
function twilioCode(error: unknown): number | undefined {
  return isTwilioApiError(error) ? error.twilioCode : undefined;
}

/** Both webhook checks of a route; a route that could not be read fails the URL check with the reason. */
async function webhookChecks(findRoute: () => Promise<InboundRoute>, account: ResolvedSmsAccount) {
  let route: InboundRoute;
  try {
    route = await findRoute();
  } catch (error) {
    return [
      check('webhook-url', 'failed', `could not tell where Twilio sends the texts: ${describeError(error)}`),
      check('webhook-method', 'skipped', 'no webhook to read the method of'),
    ];
  }
  return [webhookUrlCheck(route, account.publicWebhookUrl), webhookMethodCheck(route)];
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
      check('webhook-method', 'skipped', 'no phone number to read the SMS webhook method of'),
    ];
  }
  return [
    check('sender', 'ok', `${fromNumber} (${number.sid}) belongs to the account`),
    ...(await webhookChecks(() => findInboundRoute(api, number, timeoutMs), account)),
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
      const detail = "the service uses each number's own SMS webhook; check them in the Twilio console";
      return [sender, check('webhook-url', 'skipped', detail), check('webhook-method', 'skipped', detail)];
    }
    return [sender, ...(await webhookChecks(async () => serviceRoute(service), account))];
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
 * exist (the number among the account's IncomingPhoneNumbers, or the Messaging Service), and where does Twilio
 * post the texts: the Messaging Service the number is in, else its TwiML App, else its own webhook; that URL
 * must be `publicWebhookUrl` and the method POST. Read-only; every failure is a check (saying what to change),
 * never a throw.
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
