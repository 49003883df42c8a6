/**
 * A reply draft's row, as both drivers store it: the parts as a JSON array, the media (if any) as one JSON
 * object `{ urls, tokens }` in a nullable column, so a draft and its media are written by the same statement.
 */
import type { ReplyDraft, ReplyDraftMedia } from './reply-drafts.js';

export interface ReplyDraftRow {
  account_id: string;
  turn_key: string;
  recipient: string;
  parts: string;
  /** `NULL` for a draft without media, and for every draft saved before the column existed. */
  media: string | null;
  created_at: number;
}

/** The `media` column of a draft's media (checked by `requireDraftMedia`). */
export function draftMediaColumn(media: ReplyDraftMedia | undefined): string | null {
  return media === undefined ? null : JSON.stringify({ urls: media.urls, tokens: media.tokens });
}

export function toReplyDraft(row: ReplyDraftRow): ReplyDraft {
  const draft: ReplyDraft = {
    accountId: row.account_id,
    turnKey: row.turn_key,
    to: row.recipient,
    parts: JSON.parse(row.parts) as string[],
    createdAt: row.created_at,
  };
  if (row.media !== null) draft.media = JSON.parse(row.media) as ReplyDraftMedia;
  return draft;
}
