/**
 * Reply drafts on PostgreSQL: `INSERT ... ON CONFLICT DO NOTHING` (first write wins across instances), and the
 * conversation turns saved with a draft appended in the same transaction, only by the save that stored it.
 */
import { requireText } from '../arguments.js';
import { requireConversation, requireParts } from '../reply-draft-arguments.js';
import type { ReplyDraft, ReplyDrafts, SaveReplyDraftResult } from '../reply-drafts.js';
import type { PgContext } from './postgres-context.js';

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

export function createPostgresReplyDrafts(ctx: PgContext): ReplyDrafts {
  const drafts = ctx.table('reply_draft');
  const turns = ctx.table('conversation_turn');
  const select = `SELECT * FROM ${drafts} WHERE account_id = $1 AND turn_key = $2`;

  return {
    async saveReplyDraft(accountId, turnKey, draft) {
      requireText('accountId', accountId);
      requireText('turnKey', turnKey);
      const to = requireText('to', draft.to);
      const parts = JSON.stringify(requireParts(draft.parts));
      const conversation = requireConversation(draft.conversation);
      return ctx.transaction(async (query): Promise<SaveReplyDraftResult> => {
        const now = ctx.now();
        const inserted = await query(
          `INSERT INTO ${drafts} (account_id, turn_key, recipient, parts, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (account_id, turn_key) DO NOTHING`,
          [accountId, turnKey, to, parts, now],
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
        const { rows } = await query<DraftRow>(select, [accountId, turnKey]);
        return { saved, draft: toDraft(rows[0] as DraftRow) };
      });
    },

    async getReplyDraft(accountId, turnKey) {
      const { rows } = await ctx.query<DraftRow>(select, [accountId, turnKey]);
      const [row] = rows;
      return row === undefined ? undefined : toDraft(row);
    },
  };
}
