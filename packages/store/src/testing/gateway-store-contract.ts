import { describe } from 'vitest';
import { type GatewayStoreFactory, useContractStore } from './contract-fixture.js';
import { conversationContract } from './conversation-contract.js';
import { inboundAdmittedContract } from './inbound-admitted-contract.js';
import { inboundDeferContract } from './inbound-defer-contract.js';
import { inboundLeaseContract } from './inbound-lease-contract.js';
import { inboundListingContract } from './inbound-listing-contract.js';
import { inboundQueueContract } from './inbound-queue-contract.js';
import { lifecycleContract } from './lifecycle-contract.js';
import { outboundLogContract } from './outbound-log-contract.js';
import { pairingStoreContract } from './pairing-contract.js';
import { replyDraftsContract } from './reply-drafts-contract.js';
import { retentionContract } from './retention-contract.js';
import { sendIntentsContract } from './send-intents-contract.js';
import { senderPacingContract } from './sender-pacing-contract.js';

export interface GatewayStoreContractOptions {
  /**
   * Name of the top-level `describe` block.
   * @default 'GatewayStore contract'
   */
  name?: string;
}

/**
 * Registers (with vitest) the behaviour every `GatewayStore` must have, phone-policy's `PairingStore`
 * contract included. Call it at the top level of a test file; the factory must honour the settings it is
 * given (clock, retention, lease, attempts):
 *
 * ```ts
 * runGatewayStoreContract(async (settings) => {
 *   const store = await openStore(':memory:', settings);
 *   return { store, cleanup: () => store.close() };
 * });
 * ```
 */
export function runGatewayStoreContract(
  makeStore: GatewayStoreFactory,
  options: GatewayStoreContractOptions = {},
): void {
  describe(options.name ?? 'GatewayStore contract', () => {
    const t = useContractStore(makeStore);
    inboundQueueContract(t);
    inboundLeaseContract(t);
    inboundDeferContract(t);
    inboundAdmittedContract(t);
    inboundListingContract(t);
    outboundLogContract(t);
    sendIntentsContract(t);
    replyDraftsContract(t);
    conversationContract(t);
    senderPacingContract(t);
    retentionContract(t);
    lifecycleContract(t);
    pairingStoreContract(t);
  });
}
