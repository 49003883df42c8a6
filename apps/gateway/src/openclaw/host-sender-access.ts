import { decideAccess } from '@sms-channel/phone-policy';
import type { OutboundLog } from '@sms-channel/store';
import type { SenderAccess } from '../worker/sender-access.js';
import type { HostPairing } from './host-types.js';
import { normalizeSmsTarget } from './sms-targets.js';

/** The host's pairing codes last an hour. */
export const HOST_PAIRING_TTL_MS = 3_600_000;

/** The command the owner runs, named in the pairing SMS. */
export const OPENCLAW_APPROVE_COMMAND = 'openclaw pairing approve sms';

/** Outbound-log key of one pairing code's SMS: the same key the worker sends it under. */
export function pairingTurnKey(sender: string, code: string): string {
  return `pairing:${sender}:${code}`;
}

export interface HostSenderAccessOptions {
  /** `channelRuntime.pairing`, asked per message (approvals have no event: the allow store is read each time). */
  pairing: () => HostPairing;
  /** The account's outbound log: a code counts as texted once its SMS is logged there. */
  outboundLog: Pick<OutboundLog, 'listOutboundParts'>;
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
 *   requests at 3 per account, answering `code: ""` past that: the worker then texts its one "try later" notice;
 * - "texted once per pending request" rides on the outbound log: the code's SMS is sent under
 *   `pairing:<sender>:<code>`, so a code is texted again only when a crash came between the request and its SMS.
 */
export function createHostSenderAccess(options: HostSenderAccessOptions): SenderAccess {
  const channel = options.channel ?? 'sms';
  const now = options.now ?? Date.now;
  return {
    pairingTtlMs: HOST_PAIRING_TTL_MS,
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
      const logged = await options.outboundLog.listOutboundParts(accountId, pairingTurnKey(sender, code));
      if (logged.length > 0) return { kind: 'code-already-sent', code };
      return { kind: 'send-code', code, expiresAt: now() + HOST_PAIRING_TTL_MS };
    },
    // The outbound log entry of the code's SMS is the marker; nothing else to record.
    markCodeSent: async () => {},
    pairingMessage: (code, expiresAt) => {
      const minutes = Math.max(1, Math.round((expiresAt - now()) / 60_000));
      return `This assistant only answers approved numbers. Your pairing code is ${code} (valid ${minutes} min). The owner approves it with: ${OPENCLAW_APPROVE_COMMAND} ${code}`;
    },
  };
}
