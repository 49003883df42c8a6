import { createMemoryPairingStore } from './memory-pairing-store.js';
import { runPairingStoreContract } from './pairing-store-contract.js';

runPairingStoreContract(() => createMemoryPairingStore(), {
  name: 'createMemoryPairingStore (PairingStore contract)',
});
