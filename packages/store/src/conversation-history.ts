/**
 * Per-sender conversation history for assistants that need previous turns as context (the gateway's
 * `openai` bridge). Turns older than the store's retention are pruned with everything else.
 */

/** Who said it. */
export type ConversationRole = 'user' | 'assistant';

/** One stored turn. */
export interface ConversationTurn {
  role: ConversationRole;
  content: string;
  /** When it was appended, ms since the epoch. */
  at: number;
}

/** Options of `listConversationTurns`. */
export interface ListConversationTurnsOptions {
  /**
   * The most recent turns to return.
   * @default 20
   */
  limit?: number;
}

/** A store of conversation turns, per account and sender. */
export interface ConversationHistory {
  appendConversationTurn(
    accountId: string,
    sender: string,
    turn: { role: ConversationRole; content: string },
  ): Promise<void>;
  /** The sender's last `limit` turns, oldest first (ready to hand to a chat model). */
  listConversationTurns(
    accountId: string,
    sender: string,
    options?: ListConversationTurnsOptions,
  ): Promise<ConversationTurn[]>;
  /** Forgets the sender's history (a "reset" command); returns how many turns were deleted. */
  clearConversation(accountId: string, sender: string): Promise<number>;
}
