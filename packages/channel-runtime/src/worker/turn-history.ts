import { AsyncLocalStorage } from 'node:async_hooks';
import type { ConversationHistory, ConversationRole } from '@sms-channel/store';

/** A conversation turn an agent appended while `capture` ran. */
export interface CapturedConversationTurn {
  accountId: string;
  sender: string;
  role: ConversationRole;
  content: string;
}

/** The history an agent reads and appends to (the `openai` agent's `history` option). */
export type AgentHistory = Pick<ConversationHistory, 'listConversationTurns' | 'appendConversationTurn'>;

/**
 * Conversation history whose appends can be held back until the turn's reply is saved. The `openai` agent
 * appends both sides of a turn as soon as the model answers; if the gateway then died before saving the
 * reply, the resumed turn would ask the model again and append the turn a second time. Given this history,
 * the agent's appends made inside `capture` are held and returned instead, and the worker stores them with
 * the reply draft in one transaction (`saveReplyDraft`'s `conversation`): recorded once, or not at all.
 */
export interface TurnHistory {
  /** Give this to the agent. Reads go to the store; appends go to the store too, unless made inside `capture`. */
  readonly history: AgentHistory;
  /** Runs `work` (the agent's turn) holding back the appends it makes, and returns them. */
  capture<T>(work: () => Promise<T>): Promise<{ value: T; turns: CapturedConversationTurn[] }>;
  /** Appends held turns to the store now (a reply sent without a draft). */
  commit(turns: readonly CapturedConversationTurn[]): Promise<void>;
}

/**
 * A `TurnHistory` over the store's conversation history. Appends are matched to the turn that made them with
 * `AsyncLocalStorage` (the async context of `capture`), so concurrent turns of different senders never mix.
 */
export function createTurnHistory(store: AgentHistory): TurnHistory {
  const held = new AsyncLocalStorage<CapturedConversationTurn[]>();
  return {
    history: {
      listConversationTurns: (accountId, sender, options) =>
        store.listConversationTurns(accountId, sender, options),
      appendConversationTurn: async (accountId, sender, turn) => {
        const turns = held.getStore();
        if (turns === undefined) return store.appendConversationTurn(accountId, sender, turn);
        turns.push({ accountId, sender, role: turn.role, content: turn.content });
      },
    },
    async capture(work) {
      const turns: CapturedConversationTurn[] = [];
      const value = await held.run(turns, work);
      return { value, turns };
    },
    async commit(turns) {
      for (const turn of turns) {
        await store.appendConversationTurn(turn.accountId, turn.sender, {
          role: turn.role,
          content: turn.content,
        });
      }
    },
  };
}
