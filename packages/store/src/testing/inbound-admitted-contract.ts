import { describe, expect, it } from 'vitest';
import type { InboundAdmitted } from '../inbound-queue.js';
import type { ContractState } from './contract-fixture.js';

const ACCT = 'acct';
const A = '+15555550101';

/** Collects the events a listener hears, and waits for one by MessageSid. */
function listen(t: ContractState) {
  const heard: InboundAdmitted[] = [];
  const waiters = new Map<string, () => void>();
  const unsubscribe = t.store.onInboundAdmitted((event) => {
    heard.push(event);
    waiters.get(event.messageSid)?.();
  });
  const hear = (messageSid: string) =>
    heard.some((event) => event.messageSid === messageSid)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.set(messageSid, resolve));
  return { heard, hear, unsubscribe };
}

/** `onInboundAdmitted`: workers are woken by admits instead of polling. */
export function inboundAdmittedContract(t: ContractState): void {
  describe('admit notifications', () => {
    it('tells a listener of an admitted message, which is then ready to claim', async () => {
      const listener = listen(t);
      await t.store.admitInbound(ACCT, 'SM1', { From: A });
      await listener.hear('SM1');
      expect(listener.heard).toEqual([{ accountId: ACCT, messageSid: 'SM1', sender: A }]);
      expect(await t.store.claimInbound()).toMatchObject({ messageSid: 'SM1' });
      listener.unsubscribe();
    });

    it('tells nothing of a duplicate', async () => {
      const listener = listen(t);
      await t.store.admitInbound(ACCT, 'SM1', { From: A });
      await t.store.admitInbound(ACCT, 'SM1', { From: A });
      await t.store.admitInbound(ACCT, 'SM2', { From: A });
      // Notifications arrive in commit order: once SM2's is heard, a duplicate SM1 would have been too.
      await listener.hear('SM2');
      expect(listener.heard.map((event) => event.messageSid)).toEqual(['SM1', 'SM2']);
      listener.unsubscribe();
    });

    it('stops telling a listener once it unsubscribed, and keeps telling the others', async () => {
      const gone = listen(t);
      const staying = listen(t);
      await t.store.admitInbound(ACCT, 'SM1', { From: A });
      await gone.hear('SM1');
      gone.unsubscribe();
      await t.store.admitInbound(ACCT, 'SM2', { From: A });
      await staying.hear('SM2');
      expect(gone.heard.map((event) => event.messageSid)).toEqual(['SM1']);
      staying.unsubscribe();
    });
  });
}
