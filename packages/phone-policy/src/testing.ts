/**
 * @module @sms-channel/phone-policy/testing
 * Test helpers that need vitest (an optional peer dependency), kept out of the main entry so production
 * code never loads a test runner: the `PairingStore` contract suite every store implementation runs.
 */
export {
  type PairingStoreContractOptions,
  type PairingStoreFactory,
  type PairingStoreFixture,
  runPairingStoreContract,
} from './pairing-store-contract.js';
