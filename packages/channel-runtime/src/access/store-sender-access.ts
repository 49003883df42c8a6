import { createPairing, decideAccess } from '@sms-channel/phone-policy';
import type { GatewayPairingStore } from '@sms-channel/store';
import type { SenderAccess } from './sender-access.js';

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

/** `SenderAccess` on the channel's own store (phone-policy's `createPairing` over `store.pairing`). */
export function createStoreSenderAccess(options: StoreSenderAccessOptions): SenderAccess {
  const ttlMs = options.ttlMs ?? 3_600_000;
  const pairing = createPairing({
    store: options.pairing,
    ttlMs,
    maxPendingPerAccount: options.maxPendingPerAccount ?? 3,
    now: options.now ?? Date.now,
  });
  return {
    pairingTtlMs: ttlMs,
    approveCommand: options.approveCommand ?? 'sms-channel pairing approve sms',
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
        case 'existing':
          return { kind: 'code', code: result.code, expiresAt: result.expiresAt };
      }
    },
  };
}
