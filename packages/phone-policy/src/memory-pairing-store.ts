import type {
  GetOrCreatePendingOptions,
  GetOrCreatePendingResult,
  PairingStore,
  PendingPairing,
} from './pairing-store.js';

interface AccountState {
  pending: Map<string, PendingPairing>;
  approved: Set<string>;
}

function copy(pending: PendingPairing): PendingPairing {
  return pending.meta === undefined ? { ...pending } : { ...pending, meta: { ...pending.meta } };
}

function byCreatedAt(a: PendingPairing, b: PendingPairing): number {
  return a.createdAt - b.createdAt;
}

/**
 * A `PairingStore` kept in process memory: for tests, demos and single-process gateways that accept losing
 * approvals on restart. Each method does its work synchronously before its promise settles, which is what
 * makes `getOrCreatePending` atomic here. Values are copied in and out, so callers cannot mutate the store.
 */
export function createMemoryPairingStore(): PairingStore {
  const accounts = new Map<string, AccountState>();

  function account(accountId: string): AccountState {
    let state = accounts.get(accountId);
    if (state === undefined) {
      state = { pending: new Map(), approved: new Set() };
      accounts.set(accountId, state);
    }
    return state;
  }

  function getOrCreate(
    accountId: string,
    candidate: PendingPairing,
    { now, maxPending }: GetOrCreatePendingOptions,
  ): GetOrCreatePendingResult {
    const { pending } = account(accountId);
    const current = pending.get(candidate.sender);
    if (current !== undefined && current.expiresAt > now)
      return { status: 'existing', pending: copy(current) };
    const all = [...pending.values()];
    if (all.some((p) => p.code === candidate.code && p.sender !== candidate.sender)) {
      return { status: 'code-conflict' };
    }
    const pendingCount = all.filter((p) => p.expiresAt > now).length;
    if (pendingCount >= maxPending) return { status: 'limit-reached', pendingCount };
    pending.set(candidate.sender, copy(candidate));
    return { status: 'created', pending: copy(candidate) };
  }

  return {
    async getOrCreatePending(accountId, candidate, options) {
      return getOrCreate(accountId, candidate, options);
    },
    async findPendingByCode(accountId, code) {
      const found = [...account(accountId).pending.values()].find((p) => p.code === code);
      return found === undefined ? undefined : copy(found);
    },
    async listPending(accountId) {
      return [...account(accountId).pending.values()].sort(byCreatedAt).map(copy);
    },
    async deletePending(accountId, sender) {
      return account(accountId).pending.delete(sender);
    },
    async deleteExpiredPending(accountId, before) {
      const { pending } = account(accountId);
      let deleted = 0;
      for (const [sender, p] of pending) {
        if (p.expiresAt <= before) {
          pending.delete(sender);
          deleted += 1;
        }
      }
      return deleted;
    },
    async addApproved(accountId, sender) {
      account(accountId).approved.add(sender);
    },
    async removeApproved(accountId, sender) {
      return account(accountId).approved.delete(sender);
    },
    async isApproved(accountId, sender) {
      return account(accountId).approved.has(sender);
    },
    async listApproved(accountId) {
      return [...account(accountId).approved].sort();
    },
  };
}
