import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { DraftConversationTurn, ReplyDraft, ReplyDraftMedia, ReplyDrafts } from '@sms-channel/store';
import type { ReplyMedia } from '../agent/agent.js';
import { type Logger, silentLogger } from '../logger.js';
import type { LegacyDraftMedia } from '../media/legacy-draft-media.js';
import type { MediaHost } from '../media/media-host.js';
import { type NonMmsMedia, prepareReplyMedia } from '../media/prepare-reply-media.js';
import { formatReplyParts } from './format-reply-parts.js';
import type { OutboundSender } from './outbound-sender.js';
import type { SentReply } from './send-reply-parts.js';

/** What replies with media need: the files' host, the rules, and where earlier releases kept draft media. */
export interface ReplyMediaDeps {
  /** Serves local files to Twilio; `undefined`: the host gave no media directory (local files cannot go). */
  host: MediaHost | undefined;
  /**
   * Where releases before draft media moved into the store kept them (read when resuming such a draft only).
   * @default none (a resumed draft without media goes without)
   */
  legacyDrafts?: LegacyDraftMedia | undefined;
  /** The host's media base URL, if it has one (else the origin of `publicWebhookUrl`). */
  baseUrl?: string | undefined;
  /** Media for a number MMS does not reach. @default "links" */
  nonMms?: NonMmsMedia;
  logger: Logger;
}

/** What a durable reply needs: where drafts are saved, and how parts are sent. */
export interface DurableReplyDeps {
  drafts: Pick<ReplyDrafts, 'getReplyDraft' | 'saveReplyDraft'>;
  outbound: OutboundSender;
  /** Media of replies. Without it, a reply's media are dropped with a notice in its text. */
  media?: ReplyMediaDeps | undefined;
}

/**
 * The outbound-log and draft key of reply `index` of the turn answering `messageSid`: the MessageSid itself for
 * the first (most turns have one reply), `<MessageSid>#<index>` for the next ones.
 */
export function replyTurnKey(messageSid: string, index: number): string {
  return index === 0 ? messageSid : `${messageSid}#${index}`;
}

/** One reply to send durably. */
export interface DurableReply {
  to: string;
  turnKey: string;
  markdown: string;
  /** Sent with the first part. */
  media?: readonly ReplyMedia[] | undefined;
  conversation?: DraftConversationTurn[];
}

const utf8Bytes = (text: string | undefined) => Buffer.byteLength(text ?? '', 'utf8');

/**
 * The parts and `MediaUrl`s of a reply: media are published and checked first; media that cannot go (Twilio's
 * limits, no public HTTPS origin for a local file) leave a notice in the text, and media for a number outside
 * the US and Canada go as links in the text. A reply of media alone is one part with an empty body.
 */
async function partsAndMedia(
  deps: DurableReplyDeps,
  account: ResolvedSmsAccount,
  reply: DurableReply,
): Promise<{ parts: string[]; urls: string[]; tokens: string[] }> {
  const parts = await formatReplyParts(reply.markdown, account);
  const media = reply.media ?? [];
  if (media.length === 0) return { parts, urls: [], tokens: [] };
  const plan = await prepareReplyMedia({
    account,
    to: reply.to,
    media,
    host: deps.media?.host,
    baseUrl: deps.media?.baseUrl,
    textBytes: utf8Bytes(parts[0]),
    onRefused: 'notice',
    nonMms: deps.media?.nonMms ?? 'links',
    logger: deps.media?.logger ?? silentLogger,
  });
  if (plan.appendix === undefined)
    return { parts: parts.length === 0 ? [''] : parts, urls: plan.urls, tokens: plan.tokens };
  const markdown = reply.markdown.trim() === '' ? plan.appendix : `${reply.markdown}\n\n${plan.appendix}`;
  return { parts: await formatReplyParts(markdown, account), urls: [], tokens: plan.tokens };
}

/**
 * Sends one reply durably: its SMS parts and the `MediaUrl`s of its first part (with the media-host tokens of
 * local files) are saved as a draft first, in one row (the first saved draft of a key stands, media included,
 * with `conversation` in the same transaction), then sent from the draft that stands, part by part. A turn
 * resumed after a crash or a failed part sends the rest of the SAME parts and media (`resumeSavedReplies`),
 * never a reformatted or regenerated reply.
 */
export async function sendDurableReply(
  deps: DurableReplyDeps,
  account: ResolvedSmsAccount,
  reply: DurableReply,
): Promise<SentReply> {
  const { parts, urls, tokens } = await partsAndMedia(deps, account, reply);
  const { draft } = await deps.drafts.saveReplyDraft(account.accountId, reply.turnKey, {
    to: reply.to,
    parts,
    // Tokens without URLs are files linked in the text (media as links): they must outlive the message's
    // delivery, so they are not kept for `markSent`.
    ...(urls.length === 0 ? {} : { media: { urls, tokens } }),
    ...(reply.conversation === undefined ? {} : { conversation: reply.conversation }),
  });
  return sendDraft(deps, account, draft, draft.media);
}

/** Sends a saved draft with `media`, then notes which message took their served files. */
async function sendDraft(
  deps: DurableReplyDeps,
  account: ResolvedSmsAccount,
  draft: ReplyDraft,
  media: ReplyDraftMedia | undefined,
): Promise<SentReply> {
  const sent = await deps.outbound.send(
    account,
    draft.to,
    draft.parts,
    draft.turnKey,
    media === undefined ? undefined : { mediaUrls: media.urls },
  );
  const first = sent.parts[0];
  if (media !== undefined && media.tokens.length > 0 && first?.sentNow === true) {
    await deps.media?.host?.markSent(media.tokens, { accountId: account.accountId, messageSid: first.sid });
  }
  return sent;
}

/**
 * The media a resumed draft goes with: its own, else (a draft saved by an earlier release, which kept them
 * beside it) the legacy record's. Only here: a fresh reply's draft was saved with its media by this release.
 */
async function resumedMedia(
  deps: DurableReplyDeps,
  account: ResolvedSmsAccount,
  draft: ReplyDraft,
): Promise<ReplyDraftMedia | undefined> {
  if (draft.media !== undefined) return draft.media;
  return deps.media?.legacyDrafts?.load(account.accountId, draft.turnKey, draft.parts);
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
    sent.push(await sendDraft(deps, account, draft, await resumedMedia(deps, account, draft)));
  }
}
