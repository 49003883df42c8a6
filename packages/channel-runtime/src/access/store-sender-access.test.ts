import { createPairing } from '@sms-channel/phone-policy';
import { openStore } from '@sms-channel/store';
import { runSenderAccessContract } from '../testing/sender-access-contract.js';
import { createStoreSenderAccess } from './store-sender-access.js';

runSenderAccessContract('createStoreSenderAccess (the standalone gateway)', async () => {
  const store = await openStore(':memory:');
  return {
    access: createStoreSenderAccess({ pairing: store.pairing }),
    approve: async (accountId, code) => {
      await createPairing({ store: store.pairing }).approve(accountId, code);
    },
    maxPending: 3,
  };
});
