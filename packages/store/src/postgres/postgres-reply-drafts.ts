/**
 * Reply drafts on PostgreSQL: `INSERT ... ON CONFLICT DO NOTHING` (first write wins across instances, the
 * media in the same row), and the conversation turns saved with a draft appended in the same transaction, only
 * by the save that stored it.
 */
import { requireText } from '../arguments.js';
import { requireConversation, requireDraftMedia, requireParts } from '../reply-draft-arguments.js';
import { draftMediaColumn, type ReplyDraftRow, toReplyDraft } from '../reply-draft-row.js';
import type { ReplyDrafts, SaveReplyDraftResult } from '../reply-drafts.js';
import type { PgContext } from './postgres-context.js';

export function createPostgresReplyDrafts(ctx: PgContext): ReplyDrafts {
  const drafts = ctx.table('reply_draft');
  const turns = ctx.table('conversation_turn');
  const select = `SELECT account_id, turn_key, recipient, parts, media, created_at FROM ${drafts}
    WHERE account_id = $1 AND turn_key = $2`;

  return {
    async saveReplyDraft(accountId, turnKey, draft) {
      requireText('accountId', accountId);
      requireText('turnKey', turnKey);
      const to = requireText('to', draft.to);
      const parts = JSON.stringify(requireParts(draft.parts));
      const media = draftMediaColumn(requireDraftMedia(draft.media));
      const conversation = requireConversation(draft.conversation);
      return ctx.transaction(async (query): Promise<SaveReplyDraftResult> => {
        const now = ctx.now();
        const inserted = await query(
          `INSERT INTO ${drafts} (account_id, turn_key, recipient, parts, media, created_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (account_id, turn_key) DO NOTHING`,
          [accountId, turnKey, to, parts, media, now],
        );
        const saved = inserted.rowCount === 1;
        if (saved && conversation.length > 0) {
          await query(
            `INSERT INTO ${turns} (account_id, sender, role, content, created_at)
             SELECT $1, $2, role, content, $3 FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS t(role, content, n)
             ORDER BY n`,
            [
              accountId,
              to,
              now,
              conversation.map((turn) => turn.role),
              conversation.map((turn) => turn.content),
            ],
          );
        }
        const { rows } = await query<ReplyDraftRow>(select, [accountId, turnKey]);
        return { saved, draft: toReplyDraft(rows[0] as ReplyDraftRow) };
      });
    },

    async getReplyDraft(accountId, turnKey) {
      const { rows } = await ctx.query<ReplyDraftRow>(select, [accountId, turnKey]);
      const [row] = rows;
      return row === undefined ? undefined : toReplyDraft(row);
    },
  };
}
