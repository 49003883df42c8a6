/**
 * Reply drafts on SQLite: one row per turn, the parts as a JSON array and the media (if any) in the same row.
 * Saving is an `INSERT ... ON CONFLICT DO NOTHING` (first write wins, across processes too, media included);
 * the conversation turns that come with a draft are appended in the same write, only when the insert happened,
 * so they are recorded once per turn.
 */
import { requireText } from '../arguments.js';
import { requireConversation, requireDraftMedia, requireParts } from '../reply-draft-arguments.js';
import { draftMediaColumn, type ReplyDraftRow, toReplyDraft } from '../reply-draft-row.js';
import type { ReplyDrafts, SaveReplyDraftResult } from '../reply-drafts.js';
import type { SqliteContext } from './sqlite-context.js';
import { prepareAppendTurn } from './sqlite-conversation-history.js';

export function createSqliteReplyDrafts(ctx: SqliteContext): ReplyDrafts {
  const { db } = ctx;
  const insert = db.prepare(
    `INSERT INTO reply_draft (account_id, turn_key, recipient, parts, media, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, turn_key) DO NOTHING`,
  );
  const select = db.prepare<[string, string], ReplyDraftRow>(
    'SELECT account_id, turn_key, recipient, parts, media, created_at FROM reply_draft WHERE account_id = ? AND turn_key = ?',
  );
  const appendTurn = prepareAppendTurn(db);

  return {
    async saveReplyDraft(accountId, turnKey, draft) {
      requireText('accountId', accountId);
      requireText('turnKey', turnKey);
      const to = requireText('to', draft.to);
      const parts = JSON.stringify(requireParts(draft.parts));
      const media = draftMediaColumn(requireDraftMedia(draft.media));
      const conversation = requireConversation(draft.conversation);
      return ctx.write((): SaveReplyDraftResult => {
        const now = ctx.now();
        const saved = insert.run(accountId, turnKey, to, parts, media, now).changes === 1;
        if (saved) {
          for (const turn of conversation) appendTurn.run(accountId, to, turn.role, turn.content, now);
        }
        return { saved, draft: toReplyDraft(select.get(accountId, turnKey) as ReplyDraftRow) };
      });
    },

    async getReplyDraft(accountId, turnKey) {
      return ctx.read(() => {
        const row = select.get(accountId, turnKey);
        return row === undefined ? undefined : toReplyDraft(row);
      });
    },
  };
}
