/**
 * Reply drafts on SQLite: one row per turn, the parts as a JSON array. Saving is an `INSERT ... ON CONFLICT
 * DO NOTHING` (first write wins, across processes too); the conversation turns that come with a draft are
 * appended in the same write, only when the insert happened, so they are recorded once per turn.
 */
import { requireText } from '../arguments.js';
import { requireConversation, requireParts } from '../reply-draft-arguments.js';
import type { ReplyDraft, ReplyDrafts, SaveReplyDraftResult } from '../reply-drafts.js';
import type { SqliteContext } from './sqlite-context.js';
import { prepareAppendTurn } from './sqlite-conversation-history.js';

interface DraftRow {
  account_id: string;
  turn_key: string;
  recipient: string;
  parts: string;
  created_at: number;
}

function toDraft(row: DraftRow): ReplyDraft {
  return {
    accountId: row.account_id,
    turnKey: row.turn_key,
    to: row.recipient,
    parts: JSON.parse(row.parts) as string[],
    createdAt: row.created_at,
  };
}

export function createSqliteReplyDrafts(ctx: SqliteContext): ReplyDrafts {
  const { db } = ctx;
  const insert = db.prepare(
    `INSERT INTO reply_draft (account_id, turn_key, recipient, parts, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id, turn_key) DO NOTHING`,
  );
  const select = db.prepare<[string, string], DraftRow>(
    'SELECT * FROM reply_draft WHERE account_id = ? AND turn_key = ?',
  );
  const appendTurn = prepareAppendTurn(db);

  return {
    async saveReplyDraft(accountId, turnKey, draft) {
      requireText('accountId', accountId);
      requireText('turnKey', turnKey);
      const to = requireText('to', draft.to);
      const parts = JSON.stringify(requireParts(draft.parts));
      const conversation = requireConversation(draft.conversation);
      return ctx.write((): SaveReplyDraftResult => {
        const now = ctx.now();
        const saved = insert.run(accountId, turnKey, to, parts, now).changes === 1;
        if (saved) {
          for (const turn of conversation) appendTurn.run(accountId, to, turn.role, turn.content, now);
        }
        return { saved, draft: toDraft(select.get(accountId, turnKey) as DraftRow) };
      });
    },

    async getReplyDraft(accountId, turnKey) {
      return ctx.read(() => {
        const row = select.get(accountId, turnKey);
        return row === undefined ? undefined : toDraft(row);
      });
    },
  };
}
