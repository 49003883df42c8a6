/**
 * Reply drafts: an assistant's reply, already cut into SMS parts, saved before its first part is sent. A turn
 * resumed after a crash (or a failed part) reads the draft back and sends the parts the outbound log does not
 * hold yet, instead of asking the assistant again: a second run may write a different reply, and the
 * recipient would get the start of one reply and the end of another (and a non-idempotent assistant would
 * act twice). Drafts are keyed like the outbound log, by `(accountId, turnKey)`. A draft's media (the `MediaUrl`s
 * of its first part) are stored in its row, in the same write, so they stand or fall with its parts.
 */
import type { ConversationRole } from './conversation-history.js';

/** A conversation turn recorded with a draft (see `ReplyDraftInput.conversation`). */
export interface DraftConversationTurn {
  role: ConversationRole;
  content: string;
}

/** The media of a draft, as `saveReplyDraft` takes them. */
export interface ReplyDraftMediaInput {
  /** The `MediaUrl`s sent with the reply's first part, in order. */
  urls: readonly string[];
  /** Opaque references the caller keeps with them (channel-runtime: the media-host tokens of local files). */
  tokens: readonly string[];
}

/** The media of a stored draft. */
export interface ReplyDraftMedia {
  urls: string[];
  tokens: string[];
}

/** What `saveReplyDraft` stores. */
export interface ReplyDraftInput {
  /** The recipient (E.164): the sender the reply answers. */
  to: string;
  /** The reply's SMS parts, in order, exactly as they are to be sent. Empty: the assistant had nothing to say. */
  parts: readonly string[];
  /**
   * Turns to append to the recipient's conversation history when, and only when, this call stores the draft,
   * in the same transaction: a turn's history is then recorded exactly once, however often the turn runs.
   * @default none
   */
  conversation?: readonly DraftConversationTurn[];
  /**
   * The reply's media, stored in the draft's row (first write wins for them too). No URLs and no tokens is the
   * same as none.
   * @default none
   */
  media?: ReplyDraftMediaInput;
}

/** A stored draft. */
export interface ReplyDraft {
  accountId: string;
  turnKey: string;
  to: string;
  parts: string[];
  /** The media saved with the draft; absent when it has none. */
  media?: ReplyDraftMedia;
  /** When it was saved, ms since the epoch (retention counts from here). */
  createdAt: number;
}

/** What `saveReplyDraft` did: in both cases `draft` is the one that stands, to be sent. */
export type SaveReplyDraftResult =
  | { saved: true; draft: ReplyDraft }
  /** A draft of this turn was saved before: it stands (first write wins), this one was dropped. */
  | { saved: false; draft: ReplyDraft };

/** The reply-draft part of a gateway store. */
export interface ReplyDrafts {
  /** Stores the turn's reply unless one is stored already (first write wins); returns the one that stands. */
  saveReplyDraft(accountId: string, turnKey: string, draft: ReplyDraftInput): Promise<SaveReplyDraftResult>;
  /** The turn's saved reply, if any. */
  getReplyDraft(accountId: string, turnKey: string): Promise<ReplyDraft | undefined>;
}
