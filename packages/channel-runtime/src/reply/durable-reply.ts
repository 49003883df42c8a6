import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { DraftConversationTurn, ReplyDrafts } from '@sms-channel/store';
import { formatReplyParts } from './format-reply-parts.js';
import type { OutboundSender } from './outbound-sender.js';
import type { SentReply } from './send-reply-parts.js';

/** What a durable reply needs: where drafts are saved, and how parts are sent. */
export interface DurableReplyDeps {
  drafts: Pick<ReplyDrafts, 'getReplyDraft' | 'saveReplyDraft'>;
  outbound: OutboundSender;
}

/**
 * The outbound-log and draft key of reply `index` of the turn answering `messageSid`: the MessageSid itself for
 * the first (most turns have one reply), `<MessageSid>#<index>` for the next ones.
 */
export function replyTurnKey(messageSid: string, index: number): string {
  return index === 0 ? messageSid : `${messageSid}#${index}`;
}

/**
 * Sends one reply durably: its SMS parts are saved as a draft first (the first saved draft of a key stands,
 * with `conversation` in the same transaction), then sent from the draft, part by part. A turn resumed after a
 * crash or a failed part sends the rest of the SAME parts (`resumeSavedReplies`), never a reformatted or
 * regenerated reply.
 */
export async function sendDurableReply(
  deps: DurableReplyDeps,
  account: ResolvedSmsAccount,
  reply: { to: string; turnKey: string; markdown: string; conversation?: DraftConversationTurn[] },
): Promise<SentReply> {
  const parts = await formatReplyParts(reply.markdown, account);
  const { draft } = await deps.drafts.saveReplyDraft(account.accountId, reply.turnKey, {
    to: reply.to,
    parts,
    ...(reply.conversation === undefined ? {} : { conversation: reply.conversation }),
  });
  return deps.outbound.send(account, draft.to, draft.parts, draft.turnKey);
}

/**
 * The saved replies of a turn, sent again from their drafts (parts already logged are skipped): replies
 * `replyTurnKey(messageSid, 0)`, `1`... until one has no draft. Empty when nothing was saved (the turn never got
 * as far as a reply), and the caller runs the turn.
 */
export async function resumeSavedReplies(
  deps: DurableReplyDeps,
  account: ResolvedSmsAccount,
  messageSid: string,
): Promise<SentReply[]> {
  const sent: SentReply[] = [];
  for (let index = 0; ; index += 1) {
    const draft = await deps.drafts.getReplyDraft(account.accountId, replyTurnKey(messageSid, index));
    if (draft === undefined) return sent;
    sent.push(await deps.outbound.send(account, draft.to, draft.parts, draft.turnKey));
  }
}
