import { randomInt } from 'node:crypto';
import { PairingCodeCollisionError, PairingCodeExpiredError, PairingCodeUnknownError } from './errors.js';
import { normalizeE164 } from './normalize-e164.js';
import { canonicalPairingCode, generatePairingCode, type RandomInt } from './pairing-code.js';
import type { PairingStore, PendingPairing } from './pairing-store.js';

export interface PairingOptions {
  /** Where pending requests and approved senders are kept. */
  store: PairingStore;
  /** How long a code stays valid. @default 3_600_000 (1 hour) */
  ttlMs?: number;
  /** The most unexpired pending requests per account; further new senders get `limit-reached`. @default 3 */
  maxPendingPerAccount?: number;
  /** How long an expired request is kept so that approving it says "expired" rather than "unknown". @default 86_400_000 (1 day) */
  expiredRetentionMs?: number;
  /** Clock, in ms since the epoch. @default Date.now */
  now?: () => number;
  /** Random integer in `[0, max)`. @default crypto.randomInt */
  random?: RandomInt;
}

/** What `request` did; the gateway texts the code only on `created`, so a sender gets it once per request. */
export type PairingRequestResult =
  /** A new code: send it to the sender now. */
  | { status: 'created'; sender: string; code: string; expiresAt: number }
  /** The sender already has an unexpired code, texted when it was created: do not send it again. */
  | { status: 'existing'; sender: string; code: string; expiresAt: number }
  /** The sender is approved already (e.g. the approval raced this message): let the message through. */
  | { status: 'already-approved'; sender: string }
  /** Too many senders are waiting for approval; no code was issued. `retryAt` is when the oldest expires. */
  | { status: 'limit-reached'; sender: string; maxPending: number; retryAt: number | undefined };

export interface PairingApproval {
  accountId: string;
  sender: string;
  code: string;
  approvedAt: number;
  meta?: Readonly<Record<string, string>>;
}

export interface Pairing {
  /** Issues (or finds) the pairing code of `sender`; `sender` is normalised with `normalizeE164`. */
  request(
    accountId: string,
    sender: string,
    meta?: Readonly<Record<string, string>>,
  ): Promise<PairingRequestResult>;
  /** Approves a code (any case, spaces and dashes ignored) and returns the sender now approved. */
  approve(accountId: string, code: string): Promise<PairingApproval>;
  /** Unexpired pending requests, oldest first. */
  list(accountId: string): Promise<PendingPairing[]>;
  /** Drops a pending request by code (expired ones too) and returns it. */
  reject(accountId: string, code: string): Promise<PendingPairing>;
  /** Removes a sender from the approved set; true when they were approved. */
  revoke(accountId: string, sender: string): Promise<boolean>;
}

const MAX_CODE_ATTEMPTS = 8;

/**
 * Pairing: unknown senders get a one-time code by SMS, the owner approves it (`pairing approve sms <CODE>`),
 * and the sender joins the account's approved set. The rules live here; the data lives in the store.
 */
export function createPairing(options: PairingOptions): Pairing {
  const {
    store,
    ttlMs = 3_600_000,
    maxPendingPerAccount = 3,
    expiredRetentionMs = 86_400_000,
    now = Date.now,
    random = randomInt,
  } = options;

  async function findByCode(accountId: string, input: string): Promise<PendingPairing> {
    const code = canonicalPairingCode(input);
    const found = code === undefined ? undefined : await store.findPendingByCode(accountId, code);
    if (found === undefined) throw new PairingCodeUnknownError(accountId, input);
    return found;
  }

  async function limitReached(accountId: string, sender: string, at: number): Promise<PairingRequestResult> {
    const live = (await store.listPending(accountId)).filter((p) => p.expiresAt > at);
    const retryAt = live.length === 0 ? undefined : Math.min(...live.map((p) => p.expiresAt));
    return { status: 'limit-reached', sender, maxPending: maxPendingPerAccount, retryAt };
  }

  async function request(
    accountId: string,
    rawSender: string,
    meta?: Readonly<Record<string, string>>,
  ): Promise<PairingRequestResult> {
    const sender = normalizeE164(rawSender);
    if (await store.isApproved(accountId, sender)) return { status: 'already-approved', sender };
    const at = now();
    await store.deleteExpiredPending(accountId, at - expiredRetentionMs);
    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt += 1) {
      const candidate: PendingPairing = {
        sender,
        code: generatePairingCode(random),
        createdAt: at,
        expiresAt: at + ttlMs,
      };
      if (meta !== undefined) candidate.meta = { ...meta };
      const result = await store.getOrCreatePending(accountId, candidate, {
        now: at,
        maxPending: maxPendingPerAccount,
      });
      if (result.status === 'limit-reached') return limitReached(accountId, sender, at);
      if (result.status !== 'code-conflict') {
        const { code, expiresAt } = result.pending;
        return { status: result.status, sender, code, expiresAt };
      }
    }
    throw new PairingCodeCollisionError(accountId, MAX_CODE_ATTEMPTS);
  }

  async function approve(accountId: string, input: string): Promise<PairingApproval> {
    const pending = await findByCode(accountId, input);
    const at = now();
    if (pending.expiresAt <= at) throw new PairingCodeExpiredError(accountId, input, pending.expiresAt);
    // Approve before deleting: a crash in between leaves a harmless stale request, never a lost approval.
    await store.addApproved(accountId, pending.sender);
    await store.deletePending(accountId, pending.sender);
    const approval: PairingApproval = {
      accountId,
      sender: pending.sender,
      code: pending.code,
      approvedAt: at,
    };
    if (pending.meta !== undefined) approval.meta = pending.meta;
    return approval;
  }

  return {
    request,
    approve,
    async list(accountId) {
      const at = now();
      return (await store.listPending(accountId)).filter((p) => p.expiresAt > at);
    },
    async reject(accountId, input) {
      const pending = await findByCode(accountId, input);
      await store.deletePending(accountId, pending.sender);
      return pending;
    },
    async revoke(accountId, sender) {
      return store.removeApproved(accountId, normalizeE164(sender));
    },
  };
}
