import { describe, expect, it } from 'vitest';
import type { ContractState } from './contract-fixture.js';

const ACCT = 'acct';
const A = '+15555550101';
const B = '+15555550102';

/** Conversation history and the opt-out set. */
export function conversationContract(t: ContractState): void {
  describe('conversation history', () => {
    it('lists turns oldest first with their time', async () => {
      await t.store.appendConversationTurn(ACCT, A, { role: 'user', content: 'hi' });
      t.advance(10);
      await t.store.appendConversationTurn(ACCT, A, { role: 'assistant', content: 'hello!' });
      expect(await t.store.listConversationTurns(ACCT, A)).toEqual([
        { role: 'user', content: 'hi', at: t.now - 10 },
        { role: 'assistant', content: 'hello!', at: t.now },
      ]);
    });

    it('returns only the last turns when given a limit', async () => {
      for (let i = 0; i < 5; i++)
        await t.store.appendConversationTurn(ACCT, A, { role: 'user', content: `m${i}` });
      const turns = await t.store.listConversationTurns(ACCT, A, { limit: 2 });
      expect(turns.map((turn) => turn.content)).toEqual(['m3', 'm4']);
    });

    it('keeps each sender and account apart', async () => {
      await t.store.appendConversationTurn(ACCT, A, { role: 'user', content: 'from A' });
      await t.store.appendConversationTurn('other', B, { role: 'user', content: 'from B elsewhere' });
      expect(await t.store.listConversationTurns(ACCT, B)).toEqual([]);
      expect(await t.store.listConversationTurns('other', A)).toEqual([]);
    });

    it("clears one sender's history and counts what it deleted", async () => {
      await t.store.appendConversationTurn(ACCT, A, { role: 'user', content: '1' });
      await t.store.appendConversationTurn(ACCT, A, { role: 'assistant', content: '2' });
      await t.store.appendConversationTurn(ACCT, B, { role: 'user', content: 'kept' });
      expect(await t.store.clearConversation(ACCT, A)).toBe(2);
      expect(await t.store.listConversationTurns(ACCT, A)).toEqual([]);
      expect(await t.store.listConversationTurns(ACCT, B)).toHaveLength(1);
    });
  });

  describe('opt-outs', () => {
    it('records STOP once and reports the sender opted out', async () => {
      expect(await t.store.recordOptOut(ACCT, A)).toEqual({ changed: true });
      expect(await t.store.recordOptOut(ACCT, A)).toEqual({ changed: false });
      expect(await t.store.isOptedOut(ACCT, A)).toBe(true);
      expect(await t.store.isOptedOut(ACCT, B)).toBe(false);
    });

    it('clears the opt-out on START', async () => {
      await t.store.recordOptOut(ACCT, A);
      expect(await t.store.clearOptOut(ACCT, A)).toEqual({ changed: true });
      expect(await t.store.clearOptOut(ACCT, A)).toEqual({ changed: false });
      expect(await t.store.isOptedOut(ACCT, A)).toBe(false);
    });

    it('lists the opted-out senders of an account, sorted, with when they opted out', async () => {
      await t.store.recordOptOut(ACCT, B);
      await t.store.recordOptOut(ACCT, A);
      await t.store.recordOptOut('other', '+15555550199');
      expect(await t.store.listOptOuts(ACCT)).toEqual([
        { sender: A, since: t.now },
        { sender: B, since: t.now },
      ]);
    });
  });
}
