/**
 * @module @sms-channel/store/testing
 * The contract suite every `GatewayStore` implementation runs (SQLite here; a shared-database one later).
 * Kept out of the main entry so production code never loads a test runner; needs vitest, an optional peer
 * dependency.
 */
export type {
  ContractStoreSettings,
  GatewayStoreFactory,
  GatewayStoreFixture,
} from './contract-fixture.js';
export { type GatewayStoreContractOptions, runGatewayStoreContract } from './gateway-store-contract.js';
