import { describe, expect, it } from 'vitest';
import { type ContractState, contractSettings } from './contract-fixture.js';

const ACCT = 'acct';
const A = '+15555550101';
const B = '+15555550102';
const { retentionMs } = contractSettings;

/** Retention: what `prune` deletes and what it keeps. */
export function retentionContract(t: ContractState): void {
  describe('retention', () => {
    it('deletes completed messages once older than the retention, and nothing younger', async () => {
      await t.store.admitInbound(ACCT, 'SM1', { From: A });
      await t.store.admitInbound(ACCT, 'SM2', { From: B });
      await t.store.completeInbound((await t.store.claimInbound())?.id ?? -1);
      t.advance(1);
      await t.store.completeInbound((await t.store.claimInbound())?.id ?? -1);
      t.advance(retentionMs);
      expect(await t.store.prune()).toMatchObject({ inbound: 1 });
      expect((await t.store.countInbound()).completed).toBe(1);
    });

    it('keeps dead letters and messages still queued, however old', async () => {
      await t.store.admitInbound(ACCT, 'SM1', { From: A });
      await t.store.deadLetterInbound((await t.store.claimInbound())?.id ?? -1, 'x');
      await t.store.admitInbound(ACCT, 'SM2', { From: B });
      t.advance(retentionMs * 3);
      expect(await t.store.prune()).toMatchObject({ inbound: 0 });
      expect(await t.store.countInbound()).toEqual({ pending: 1, claimed: 0, completed: 0, deadLettered: 1 });
      expect((await t.store.listDeadLetters())[0]?.payload).toEqual({ From: A });
    });

    it('deletes old reply parts, delivery records and conversation turns', async () => {
      await t.store.recordOutboundPart(ACCT, 'SMin1', { partIndex: 0, messageSid: 'SMout1', to: A });
      await t.store.appendConversationTurn(ACCT, A, { role: 'user', content: 'old' });
      t.advance(retentionMs + 1);
      await t.store.appendConversationTurn(ACCT, A, { role: 'user', content: 'new' });
      expect(await t.store.prune()).toEqual({
        inbound: 0,
        outboundParts: 1,
        deliveries: 1,
        conversationTurns: 1,
        pairingRequests: 0,
        replyDrafts: 0,
        sendIntents: 0,
        senderTurns: 0,
      });
      expect(await t.store.listOutboundParts(ACCT, 'SMin1')).toEqual([]);
      expect((await t.store.listConversationTurns(ACCT, A)).map((turn) => turn.content)).toEqual(['new']);
    });

    it('keeps a delivery record that Twilio updated recently', async () => {
      await t.store.applyDeliveryStatus(ACCT, 'SMout1', 'sent');
      t.advance(retentionMs);
      await t.store.applyDeliveryStatus(ACCT, 'SMout1', 'delivered');
      t.advance(1);
      expect(await t.store.prune()).toMatchObject({ deliveries: 0 });
    });

    it('deletes pairing requests expired for longer than the retention, keeping approvals and opt-outs', async () => {
      const request = { sender: A, code: 'AAAAAAAA', createdAt: t.now, expiresAt: t.now + 1 };
      await t.store.pairing.getOrCreatePending(ACCT, request, { now: t.now, maxPending: 3 });
      await t.store.pairing.addApproved(ACCT, B);
      await t.store.recordOptOut(ACCT, A);
      t.advance(retentionMs + 2);
      expect(await t.store.prune()).toMatchObject({ pairingRequests: 1 });
      expect(await t.store.pairing.listPending(ACCT)).toEqual([]);
      expect(await t.store.pairing.listApproved(ACCT)).toEqual([B]);
      expect(await t.store.isOptedOut(ACCT, A)).toBe(true);
    });
  });
}
