import { afterEach, beforeEach } from 'vitest';
import type { GatewayStore } from '../gateway-store.js';
import type { ClaimedInbound } from '../inbound-queue.js';

/** Settings the contract needs the store under test to use (its clock, retention and queue limits). */
export interface ContractStoreSettings {
  now: () => number;
  retentionMs: number;
  leaseMs: number;
  maxAttempts: number;
}

/** What a contract factory returns: a fresh, empty store, with optional cleanup and reopen hooks. */
export interface GatewayStoreFixture {
  store: GatewayStore;
  /** Called after each test (close the store, delete its database...). */
  cleanup?: () => void | Promise<void>;
  /**
   * Durable stores: close the store and open the same storage again (with the same settings), so the
   * contract can check that state persists. The fixture's `cleanup` must then close the reopened store.
   */
  reopen?: () => GatewayStore | Promise<GatewayStore>;
}

/** Makes a fresh, empty store that honours `settings`, for each test. */
export type GatewayStoreFactory = (
  settings: ContractStoreSettings,
) => GatewayStore | GatewayStoreFixture | Promise<GatewayStore | GatewayStoreFixture>;

export const contractSettings = {
  t0: Date.UTC(2026, 0, 1),
  retentionMs: 7 * 24 * 3_600_000,
  leaseMs: 60_000,
  maxAttempts: 3,
} as const;

/** The store under test and the contract's clock, renewed before each test. */
export interface ContractState {
  readonly store: GatewayStore;
  readonly fixture: GatewayStoreFixture;
  /** The store's clock, in ms since the epoch. */
  now: number;
  /** Moves the clock forward. */
  advance(ms: number): void;
  /** Reopens the store (durable stores only; `undefined` otherwise). */
  reopen: (() => Promise<GatewayStore>) | undefined;
}

function isFixture(value: GatewayStore | GatewayStoreFixture): value is GatewayStoreFixture {
  return 'store' in value && !('admitInbound' in value);
}

/** Registers the beforeEach/afterEach that give every test a fresh store; call inside a `describe`. */
export function useContractStore(makeStore: GatewayStoreFactory): ContractState {
  let fixture: GatewayStoreFixture | undefined;
  let store: GatewayStore | undefined;
  const state: ContractState = {
    get store() {
      if (store === undefined) throw new Error('the contract store is only available inside a test');
      return store;
    },
    get fixture() {
      if (fixture === undefined) throw new Error('the contract fixture is only available inside a test');
      return fixture;
    },
    now: contractSettings.t0,
    advance(ms) {
      state.now += ms;
    },
    get reopen() {
      const reopen = fixture?.reopen;
      if (reopen === undefined) return undefined;
      return async () => {
        store = await reopen();
        return store;
      };
    },
  };

  beforeEach(async () => {
    state.now = contractSettings.t0;
    const made = await makeStore({
      now: () => state.now,
      retentionMs: contractSettings.retentionMs,
      leaseMs: contractSettings.leaseMs,
      maxAttempts: contractSettings.maxAttempts,
    });
    fixture = isFixture(made) ? made : { store: made };
    store = fixture.store;
  });

  afterEach(async () => {
    await fixture?.cleanup?.();
    fixture = undefined;
    store = undefined;
  });

  return state;
}

/** Claims the next message, failing the test when none is ready. */
export async function claimReady(t: ContractState): Promise<ClaimedInbound> {
  const message = await t.store.claimInbound();
  if (message === null) throw new Error('expected a message to be ready');
  return message;
}
