import { type AccessDecision, createPairing, type DmPolicy, decideAccess } from '@sms-channel/phone-policy';
import type { GatewayPairingStore } from '@sms-channel/store';

/** What to do about an unknown sender's pairing request. */
export type PairingStep =
  /** Text this code now, then call `markCodeSent`. */
  | { kind: 'send-code'; code: string; expiresAt: number }
  /** The code was texted already: nothing to send. */
  | { kind: 'code-already-sent'; code: string }
  /** Approved meanwhile: let the message through. */
  | { kind: 'approved' }
  /** Too many senders wait for approval: tell this one (once per window) to try later. */
  | { kind: 'limit-reached'; retryAt: number | undefined };

/**
 * Who may talk to the assistant, and pairing. A seam: the standalone gateway keeps pairing in its own store
 * (`createStoreSenderAccess`); the OpenClaw plugin implements it with the host's `channelRuntime.pairing`, so
 * `openclaw pairing list/approve sms` see the same requests.
 */
export interface SenderAccess {
  decide(
    accountId: string,
    sender: string,
    policy: { dmPolicy: DmPolicy; allowFrom: readonly string[] },
  ): Promise<AccessDecision>;
  requestPairing(accountId: string, sender: string): Promise<PairingStep>;
  /** Records that the code was texted, so it is texted once per pending request. */
  markCodeSent(accountId: string, sender: string, code: string): Promise<void>;
  /** The text of the pairing SMS. */
  pairingMessage(code: string, expiresAt: number): string;
  /** How long a pairing request lasts (the window of one "too many requests" notice). */
  readonly pairingTtlMs: number;
}

export interface StoreSenderAccessOptions {
  pairing: GatewayPairingStore;
  /** @default 3_600_000 (1 hour) */
  ttlMs?: number;
  /** @default 3 */
  maxPendingPerAccount?: number;
  /** The command the owner runs, shown in the pairing SMS. @default "sms-channel pairing approve sms" */
  approveCommand?: string;
  now?: () => number;
}

/** `SenderAccess` on the gateway's own store (phone-policy's `createPairing` over `store.pairing`). */
export function createStoreSenderAccess(options: StoreSenderAccessOptions): SenderAccess {
  const ttlMs = options.ttlMs ?? 3_600_000;
  const now = options.now ?? Date.now;
  const pairing = createPairing({
    store: options.pairing,
    ttlMs,
    maxPendingPerAccount: options.maxPendingPerAccount ?? 3,
    now,
  });
  const approveCommand = options.approveCommand ?? 'sms-channel pairing approve sms';
  return {
    pairingTtlMs: ttlMs,
    decide: async (accountId, sender, policy) => {
      const approved = await options.pairing.isApproved(accountId, sender);
      return decideAccess({
        dmPolicy: policy.dmPolicy,
        allowFrom: policy.allowFrom,
        approvedSenders: approved ? [sender] : [],
        sender,
      });
    },
    requestPairing: async (accountId, sender) => {
      const result = await pairing.request(accountId, sender);
      switch (result.status) {
        case 'already-approved':
          return { kind: 'approved' };
        case 'limit-reached':
          return { kind: 'limit-reached', retryAt: result.retryAt };
        case 'created':
          return { kind: 'send-code', code: result.code, expiresAt: result.expiresAt };
        case 'existing': {
          // "existing" also covers a request stored just before a crash, whose code never went out.
          const sentAt = await options.pairing.codeSentAt(accountId, result.sender, result.code);
          return sentAt === undefined
            ? { kind: 'send-code', code: result.code, expiresAt: result.expiresAt }
            : { kind: 'code-already-sent', code: result.code };
        }
      }
    },
    markCodeSent: async (accountId, sender, code) => {
      await options.pairing.markCodeSent(accountId, sender, code);
    },
    pairingMessage: (code, expiresAt) => {
      const minutes = Math.max(1, Math.round((expiresAt - now()) / 60_000));
      return `This assistant only answers approved numbers. Your pairing code is ${code} (valid ${minutes} min). The owner approves it with: ${approveCommand} ${code}`;
    },
  };
}
