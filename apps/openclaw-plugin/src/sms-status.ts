import { type AccountProbe, probeAccount } from '@sms-channel/channel-runtime';
import { createTwilioRestClient } from '@sms-channel/twilio-messaging';
import type { HostAccountSnapshot } from './host-types.js';
import type { SmsPluginAccount } from './sms-plugin-account.js';
import { unusableReason } from './sms-plugin-account.js';

/** The longest a single Twilio call of the probe may take, whatever budget the host gives. */
const MAX_CALL_TIMEOUT_MS = 10_000;

/**
 * `status.probeAccount`: the same read-only checks as `sms-channel channels status --probe` (credentials by
 * fetching the Account, the sender among its numbers or its Messaging Service, and the number's SMS webhook
 * URL equal to `publicWebhookUrl`). Never throws: every failure is a failed check.
 */
export async function probeSmsAccount(account: SmsPluginAccount, timeoutMs: number): Promise<AccountProbe> {
  const problem = account.problem;
  if (problem !== undefined || account.resolved === undefined) {
    return {
      ok: false,
      checks: [{ name: 'credentials', status: 'failed', detail: problem ?? 'not resolved' }],
    };
  }
  const callTimeoutMs = Math.max(1, Math.min(timeoutMs, MAX_CALL_TIMEOUT_MS));
  const resolved = account.resolved;
  const client = createTwilioRestClient(
    {
      accountSid: resolved.accountSid ?? '',
      authToken: resolved.authToken ?? '',
      twilioApiBaseUrl: resolved.twilioApiBaseUrl,
    },
    { timeoutMs: callTimeoutMs },
  );
  try {
    return await probeAccount(resolved, () => client, { timeoutMs: callTimeoutMs });
  } finally {
    // A call the probe stopped waiting for must not outlive it: `openclaw channels status --probe` exits then.
    await client.close();
  }
}

/** `status.formatCapabilitiesProbe`: one line per check, as `channels capabilities` prints them. */
export function formatSmsProbe(
  probe: AccountProbe,
): Array<{ text: string; tone: 'success' | 'error' | 'muted' }> {
  return probe.checks.map((check) => ({
    text: `${check.name}: ${check.status} - ${check.detail}`,
    tone: check.status === 'ok' ? 'success' : check.status === 'failed' ? 'error' : 'muted',
  }));
}

/** `config.describeAccount`: what `channels status` shows for an account (never a secret). */
export function describeSmsAccount(account: SmsPluginAccount): HostAccountSnapshot {
  const resolved = account.resolved;
  const reason = unusableReason(account);
  return {
    accountId: account.accountId,
    name: resolved?.name,
    enabled: account.enabled,
    configured: account.configured,
    dmPolicy: account.dmPolicy,
    allowFrom: resolved?.allowFrom,
    webhookPath: resolved?.webhookPath,
    webhookUrl: resolved?.publicWebhookUrl,
    credentialSource: resolved?.authTokenSource,
    identity: resolved?.sender?.kind === 'number' ? resolved.sender.from : resolved?.sender?.sid,
    ...(reason === undefined ? {} : { stateReason: reason }),
  };
}
