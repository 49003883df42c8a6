import { describe, expect, it } from 'vitest';
import { type ContractState, claimReady, contractSettings } from './contract-fixture.js';

const ACCT = 'acct';
const A = '+15555550101';

/** Inbound queue: claims held by a worker that vanished, and lease extension. */
export function inboundLeaseContract(t: ContractState): void {
  const claimed = () => claimReady(t);

  const form = (body: string) => ({ From: A, Body: body });

  describe('leases', () => {
    it('hands a message out again when its claim lapses, counting the attempt', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form('1'));
      const first = await claimed();
      t.advance(contractSettings.leaseMs - 1);
      expect(await t.store.claimInbound()).toBeNull();
      t.advance(1);
      expect(await claimed()).toMatchObject({ id: first.id, attempts: 2 });
    });

    it('keeps a claim whose lease was extended', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form('1'));
      const { id } = await claimed();
      t.advance(contractSettings.leaseMs - 1);
      expect(await t.store.extendInboundLease(id, contractSettings.leaseMs)).toEqual({ ok: true });
      t.advance(contractSettings.leaseMs - 1);
      expect(await t.store.claimInbound()).toBeNull();
    });

    it('dead-letters, instead of handing out, a message whose last allowed claim lapsed', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form('1'));
      for (let attempt = 0; attempt < contractSettings.maxAttempts; attempt++) {
        await claimed();
        t.advance(contractSettings.leaseMs);
      }
      expect(await t.store.claimInbound()).toBeNull();
      const [dead] = await t.store.listDeadLetters();
      expect(dead).toMatchObject({ messageSid: 'SM1', attempts: contractSettings.maxAttempts });
      expect(dead?.reason).toMatch(/lease/);
    });

    it('accepts completion of a lapsed claim nobody reclaimed yet', async () => {
      await t.store.admitInbound(ACCT, 'SM1', form('1'));
      const { id } = await claimed();
      t.advance(contractSettings.leaseMs * 2);
      expect(await t.store.completeInbound(id)).toEqual({ ok: true });
    });
  });
}
