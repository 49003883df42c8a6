import { describe, expect, it } from 'vitest';
import type { ContractState } from './contract-fixture.js';

const ACCT = 'acct';
const TO = '+15555550101';

/** Outbound log: reply parts by turn, forward-only deduplicated delivery statuses. */
export function outboundLogContract(t: ContractState): void {
  describe('reply parts', () => {
    it('logs parts and lists them by index with their initial status', async () => {
      await t.store.recordOutboundPart(ACCT, 'SMin1', { partIndex: 1, messageSid: 'SMout2', to: TO });
      await t.store.recordOutboundPart(ACCT, 'SMin1', {
        partIndex: 0,
        messageSid: 'SMout1',
        to: TO,
        status: 'accepted',
      });
      expect(await t.store.listOutboundParts(ACCT, 'SMin1')).toEqual([
        {
          accountId: ACCT,
          turnKey: 'SMin1',
          partIndex: 0,
          messageSid: 'SMout1',
          to: TO,
          sentAt: t.now,
          status: 'accepted',
          errorCode: null,
        },
        {
          accountId: ACCT,
          turnKey: 'SMin1',
          partIndex: 1,
          messageSid: 'SMout2',
          to: TO,
          sentAt: t.now,
          status: 'queued',
          errorCode: null,
        },
      ]);
    });

    it('reports logging the same part twice as a duplicate', async () => {
      const part = { partIndex: 0, messageSid: 'SMout1', to: TO };
      expect(await t.store.recordOutboundPart(ACCT, 'SMin1', part)).toEqual({ recorded: true });
      expect(await t.store.recordOutboundPart(ACCT, 'SMin1', part)).toEqual({
        recorded: false,
        reason: 'duplicate',
      });
    });

    it('keeps the first SID when a part is logged again with another one', async () => {
      await t.store.recordOutboundPart(ACCT, 'SMin1', { partIndex: 0, messageSid: 'SMout1', to: TO });
      expect(
        await t.store.recordOutboundPart(ACCT, 'SMin1', { partIndex: 0, messageSid: 'SMout9', to: TO }),
      ).toEqual({
        recorded: false,
        reason: 'part-conflict',
        messageSid: 'SMout1',
      });
      expect((await t.store.listOutboundParts(ACCT, 'SMin1')).map((p) => p.messageSid)).toEqual(['SMout1']);
    });

    it('keeps turns apart per account and turn key', async () => {
      await t.store.recordOutboundPart('one', 'SMin1', { partIndex: 0, messageSid: 'SMa', to: TO });
      await t.store.recordOutboundPart('two', 'SMin1', { partIndex: 0, messageSid: 'SMb', to: TO });
      expect((await t.store.listOutboundParts('one', 'SMin1')).map((p) => p.messageSid)).toEqual(['SMa']);
      expect(await t.store.listOutboundParts('one', 'SMin2')).toEqual([]);
    });
  });

  describe('delivery statuses', () => {
    it('applies statuses that move forward, reporting the one replaced', async () => {
      await t.store.recordOutboundPart(ACCT, 'SMin1', { partIndex: 0, messageSid: 'SMout1', to: TO });
      expect(await t.store.applyDeliveryStatus(ACCT, 'SMout1', 'sent')).toEqual({
        applied: true,
        previous: 'queued',
      });
      t.advance(5);
      expect(await t.store.applyDeliveryStatus(ACCT, 'SMout1', 'delivered')).toEqual({
        applied: true,
        previous: 'sent',
      });
      expect(await t.store.getDelivery(ACCT, 'SMout1')).toEqual({
        accountId: ACCT,
        messageSid: 'SMout1',
        status: 'delivered',
        errorCode: null,
        updatedAt: t.now,
      });
    });

    it('never lets a late sent overwrite delivered', async () => {
      await t.store.applyDeliveryStatus(ACCT, 'SMout1', 'delivered');
      expect(await t.store.applyDeliveryStatus(ACCT, 'SMout1', 'sent')).toEqual({
        applied: false,
        reason: 'stale',
        current: 'delivered',
      });
      expect((await t.store.getDelivery(ACCT, 'SMout1'))?.status).toBe('delivered');
    });

    it('keeps the first final outcome when another final one arrives', async () => {
      await t.store.applyDeliveryStatus(ACCT, 'SMout1', 'undelivered', { errorCode: 30003 });
      expect(await t.store.applyDeliveryStatus(ACCT, 'SMout1', 'delivered')).toMatchObject({
        applied: false,
      });
      expect(await t.store.getDelivery(ACCT, 'SMout1')).toMatchObject({
        status: 'undelivered',
        errorCode: 30003,
      });
    });

    it('reports a repeated status as a duplicate', async () => {
      await t.store.applyDeliveryStatus(ACCT, 'SMout1', 'sent');
      expect(await t.store.applyDeliveryStatus(ACCT, 'SMout1', 'sent')).toEqual({
        applied: false,
        reason: 'duplicate',
        current: 'sent',
      });
    });

    it("shows a part's failure and Twilio error code in the turn's parts", async () => {
      await t.store.recordOutboundPart(ACCT, 'SMin1', { partIndex: 0, messageSid: 'SMout1', to: TO });
      await t.store.applyDeliveryStatus(ACCT, 'SMout1', 'failed', { errorCode: 30007 });
      expect(await t.store.listOutboundParts(ACCT, 'SMin1')).toMatchObject([
        { status: 'failed', errorCode: 30007 },
      ]);
    });

    it('records a status that arrives before its part is logged, and keeps it when the part is logged', async () => {
      expect(await t.store.applyDeliveryStatus(ACCT, 'SMout1', 'sent')).toEqual({
        applied: true,
        previous: null,
      });
      await t.store.recordOutboundPart(ACCT, 'SMin1', { partIndex: 0, messageSid: 'SMout1', to: TO });
      expect((await t.store.listOutboundParts(ACCT, 'SMin1'))[0]?.status).toBe('sent');
    });

    it('knows nothing of a SID never seen', async () => {
      expect(await t.store.getDelivery(ACCT, 'SMnever')).toBeUndefined();
    });

    it('refuses a status Twilio does not send for outbound messages, with StoreArgumentError', async () => {
      const received = 'received' as 'sent';
      await expect(t.store.applyDeliveryStatus(ACCT, 'SMout1', received)).rejects.toMatchObject({
        name: 'StoreArgumentError',
      });
    });
  });
}
