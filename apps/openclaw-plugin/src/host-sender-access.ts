import type { SenderAccess } from '@sms-channel/channel-runtime';
import { decideAccess } from '@sms-channel/phone-policy';
import type { HostPairing } from './host-types.js';
import { normalizeSmsTarget } from './sms-targets.js';

/** The host's pairing codes last an hour. */
export const HOST_PAIRING_TTL_MS = 3_600_000;

/** The command the owner runs, named in the pairing SMS. */
export const OPENCLAW_APPROVE_COMMAND = 'openclaw pairing approve sms';

export interface HostSenderAccessOptions {
  /** `channelRuntime.pairing`, asked per message (approvals have no event: the allow store is read each time). */
  pairing: () => HostPairing;
  /** @default "sms" */
  channel?: string;
  now?: () => number;
}

/** The entries that name a phone number, in E.164 (`sms:` / `twilio-sms:` prefixes accepted). */
function normalizedEntries(entries: readonly string[]): string[] {
  // Anything else (another plugin's entry, or hand-edited) cannot match an E.164 sender.
  return entries.map(normalizeSmsTarget).filter((number) => number !== undefined);
}

/**
 * `SenderAccess` on the host's pairing store, so `openclaw pairing list sms` shows our requests and
 * `openclaw pairing approve sms <CODE>` lets the sender through:
 * - approved senders are whatever `readAllowFromStore` lists (read per message: the host has no approval event);
 * - the host makes the code (`upsertPairingRequest`; the same sender gets the same code) and caps pending
 *   requests at 3 per account, answering `code: ""` past that: the runtime then texts its one "try later" notice.
 * Texting each code once is the runtime's (its outbound log), as in the standalone gateway.
 */
export function createHostSenderAccess(options: HostSenderAccessOptions): SenderAccess {
  const channel = options.channel ?? 'sms';
  const now = options.now ?? Date.now;
  return {
    pairingTtlMs: HOST_PAIRING_TTL_MS,
    approveCommand: OPENCLAW_APPROVE_COMMAND,
    decide: async (accountId, sender, policy) => {
      const approved = await options.pairing().readAllowFromStore({ channel, accountId });
      return decideAccess({
        dmPolicy: policy.dmPolicy,
        allowFrom: policy.allowFrom,
        approvedSenders: normalizedEntries(approved),
        sender,
      });
    },
    requestPairing: async (accountId, sender) => {
      const pairing = options.pairing();
      const approved = normalizedEntries(await pairing.readAllowFromStore({ channel, accountId }));
      if (approved.includes(sender)) return { kind: 'approved' };
      const { code } = await pairing.upsertPairingRequest({
        channel,
        id: sender,
        accountId,
        meta: { name: sender },
      });
      if (code === '') return { kind: 'limit-reached', retryAt: undefined };
      return { kind: 'code', code, expiresAt: now() + HOST_PAIRING_TTL_MS };
    },
  };
}
