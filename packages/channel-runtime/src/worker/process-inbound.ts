import type { ResolvedSmsAccount } from '@sms-channel/config';
import { classifyOptOutKeyword } from '@sms-channel/phone-policy';
import type { ClaimedInbound, OptOutRegistry, ReplyDrafts, SenderPacing } from '@sms-channel/store';
import { type InboundMessage, isTwilioApiError, readInboundMessage } from '@sms-channel/twilio-messaging';
import {
  PAIRING_LIMIT_NOTICE,
  pairingLimitTurnKey,
  pairingMessage,
  pairingTurnKey,
} from '../access/pairing-texts.js';
import type { SenderAccess } from '../access/sender-access.js';
import type { Agent, AgentMedia, AgentReply, ReplyMedia } from '../agent/agent.js';
import { isAgentError } from '../errors.js';
import { type InboundMediaResult, unavailableNotice } from '../media/fetch-inbound-media.js';
import {
  type ReplyMediaDeps,
  replyTurnKey,
  resumeSavedReplies,
  sendDurableReply,
} from '../reply/durable-reply.js';
import { formatReplyParts } from '../reply/format-reply-parts.js';
import type { OutboundSender } from '../reply/outbound-sender.js';
import type { SentReply } from '../reply/send-reply-parts.js';
import type { CapturedConversationTurn, TurnHistory } from './turn-history.js';

/** What became of one claimed message. */
export type InboundOutcome =
  | { action: 'complete'; result: CompletedResult; detail?: Record<string, unknown> }
  | { action: 'retry'; reason: string; retryAfterMs?: number | undefined; assistantFailed?: boolean }
  /** Not tried: hand it out again after `retryAfterMs`, without counting an attempt (per-sender pacing). */
  | { action: 'defer'; reason: string; retryAfterMs: number }
  | {
      action: 'dead-letter';
      reason: string;
      detail?: Record<string, unknown>;
      /** The assistant failed on an allowed sender's message (not Twilio, not the message): worth an apology. */
      assistantFailed?: boolean;
    };

export type CompletedResult =
  | 'replied'
  | 'no-reply'
  | 'opt-out'
  | 'opt-in'
  | 'help'
  | 'opted-out'
  | 'denied'
  | 'pairing-code-sent'
  | 'pairing-code-already-sent'
  | 'pairing-limit-notice';

export interface ProcessInboundDeps {
  /** The account a message came in on; `undefined` when it is no longer configured. */
  account: (accountId: string) => ResolvedSmsAccount | undefined;
  optOuts: Pick<OptOutRegistry, 'recordOptOut' | 'clearOptOut' | 'isOptedOut'>;
  access: SenderAccess;
  agent: Agent;
  outbound: OutboundSender;
  /**
   * Where each reply is saved before it is sent (the store): a turn resumed after a crash or a failed part
   * sends the rest of the SAME reply from its draft, without running the agent again.
   */
  drafts: Pick<ReplyDrafts, 'getReplyDraft' | 'saveReplyDraft'>;
  /**
   * Per-sender pacing, kept in the store so it holds across processes: a sender over `turnsPerMinute` has the
   * message deferred (given back to the queue for the wait, not counted as an attempt), so the worker is free
   * for other senders meanwhile.
   */
  pacing?: { store: SenderPacing; turnsPerMinute: number };
  /**
   * The conversation history the agent was given (`createTurnHistory`): its appends during the turn are saved
   * with the reply draft, so a resumed turn does not record the turn twice.
   */
  turnHistory?: TurnHistory;
  /**
   * Fetches an allowed message's media to disk before its turn (`fetchInboundMedia`). Without it, an MMS's
   * media reach the turn as a notice only (`[1 attachment unavailable]`).
   */
  inboundMedia?: (request: InboundMediaRequest) => Promise<InboundMediaResult>;
  /** Media of replies (local files served to Twilio). Without it, only remote media URLs go. */
  replyMedia?: ReplyMediaDeps;
  now?: () => number;
}

/** What `ProcessInboundDeps.inboundMedia` is asked. */
export interface InboundMediaRequest {
  account: ResolvedSmsAccount;
  message: InboundMessage;
  messageSid: string;
  /** This claim of the message (1 = first). */
  attempt: number;
  signal: AbortSignal | undefined;
}

const complete = (result: CompletedResult, detail?: Record<string, unknown>): InboundOutcome =>
  detail === undefined ? { action: 'complete', result } : { action: 'complete', result, detail };

/**
 * One queued message, start to end: STOP/START/HELP (recorded, never answered: Twilio answers those itself),
 * opted-out senders (nothing sent), access (`deny`: nothing; `pair`: the pairing code, texted once per pending
 * request; `allow`: the assistant turn and its replies). Never throws: failures become `retry` (transient) or
 * `dead-letter` (final) outcomes for the worker to settle.
 */
export async function processInbound(
  claimed: ClaimedInbound,
  deps: ProcessInboundDeps,
  signal?: AbortSignal,
): Promise<InboundOutcome> {
  const stage: Stage = { inAgent: false };
  try {
    return await run(claimed, deps, signal, stage);
  } catch (error) {
    const outcome = await failureOutcome(error, claimed, deps);
    // A send that failed inside the turn (a host agent delivers as it goes) is Twilio's failure, not the assistant's.
    const assistantFailed = stage.inAgent && !isTwilioApiError(error);
    return assistantFailed && (outcome.action === 'retry' || outcome.action === 'dead-letter')
      ? { ...outcome, assistantFailed }
      : outcome;
  }
}

/** Where a turn is, for telling an assistant's failure from the others. */
interface Stage {
  inAgent: boolean;
}

async function run(
  claimed: ClaimedInbound,
  deps: ProcessInboundDeps,
  signal: AbortSignal | undefined,
  stage: Stage,
): Promise<InboundOutcome> {
  const account = deps.account(claimed.accountId);
  if (account === undefined || !account.enabled) {
    return { action: 'dead-letter', reason: `account ${claimed.accountId} is not configured or not enabled` };
  }
  const message = readInboundMessage(claimed.payload);
  const sender = claimed.sender ?? message.from;
  if (sender === undefined) return { action: 'dead-letter', reason: 'the message has no From' };
  const keyword = classifyOptOutKeyword(message.body, { optOutType: message.optOutType });
  if (keyword === 'stop') {
    await deps.optOuts.recordOptOut(account.accountId, sender);
    return complete('opt-out');
  }
  if (keyword === 'start') {
    await deps.optOuts.clearOptOut(account.accountId, sender);
    return complete('opt-in');
  }
  if (keyword === 'help') return complete('help');
  if (await deps.optOuts.isOptedOut(account.accountId, sender)) return complete('opted-out');

  const decision = await deps.access.decide(account.accountId, sender, account);
  if (decision.action === 'deny') return complete('denied', { reason: decision.reason });
  if (decision.action === 'pair') {
    const paired = await pair(account, sender, deps);
    if (paired !== undefined) return paired;
  }
  return turn(account, sender, message, claimed, deps, signal, stage);
}

function replied(sent: readonly SentReply[], detail: Record<string, unknown> = {}): InboundOutcome {
  const parts = sent.flatMap((reply) => reply.parts);
  if (parts.length === 0) return complete('no-reply', Object.keys(detail).length === 0 ? undefined : detail);
  return complete('replied', { parts: parts.length, sids: parts.map((part) => part.sid), ...detail });
}

/**
 * The `allow` branch: the saved replies of a resumed turn, or pacing, then the agent. Each reply is saved as a
 * draft before it is sent: the ones the agent delivers during the turn (`turn.deliver`), then the one it
 * returns. A turn that ends without a reply saves an empty draft, so a resumed turn does not run it again.
 */
async function turn(
  account: ResolvedSmsAccount,
  sender: string,
  message: InboundMessage,
  claimed: ClaimedInbound,
  deps: ProcessInboundDeps,
  signal: AbortSignal | undefined,
  stage: Stage,
): Promise<InboundOutcome> {
  const { messageSid } = claimed;
  const durable = { drafts: deps.drafts, outbound: deps.outbound, media: deps.replyMedia };
  const resumed = await resumeSavedReplies(durable, account, messageSid);
  if (resumed.length > 0) return replied(resumed, { fromSavedDraft: true });

  const limit = { limit: deps.pacing?.turnsPerMinute ?? 1, windowMs: 60_000 };
  const waitMs = (await deps.pacing?.store.tryAcquireSenderTurn(account.accountId, sender, limit)) ?? 0;
  if (waitMs > 0) {
    return { action: 'defer', reason: 'sender over the turns-per-minute limit', retryAfterMs: waitMs };
  }
  const inbound = await turnMedia(account, message, claimed, deps, signal);
  if ('retry' in inbound) return inbound.retry;
  const sent: SentReply[] = [];
  const deliver = async (
    markdown: string,
    media?: readonly ReplyMedia[],
    conversation?: CapturedConversationTurn[],
  ) => {
    const reply = await sendDurableReply(durable, account, {
      to: sender,
      turnKey: replyTurnKey(messageSid, sent.length),
      markdown,
      media,
      ...(conversation === undefined
        ? {}
        : { conversation: conversation.map(({ role, content }) => ({ role, content })) }),
    });
    sent.push(reply);
    return reply;
  };
  stage.inAgent = true;
  const { value: reply, turns } = await runAgent(deps, () =>
    deps.agent.reply({
      accountId: account.accountId,
      sender,
      to: message.to,
      text: inbound.text,
      messageSid,
      media: inbound.media,
      signal,
      deliver: (answer) => deliver(answer.text, answer.media),
    }),
  );
  stage.inAgent = false;
  // The turns of this sender are stored with the final draft, in its transaction; anything else as it came.
  const own = (entry: CapturedConversationTurn) =>
    entry.accountId === account.accountId && entry.sender === sender;
  await deps.turnHistory?.commit(turns.filter((entry) => !own(entry)));
  const hasMedia = (reply.media?.length ?? 0) > 0;
  if (reply.text.trim() !== '' || hasMedia || sent.length === 0) {
    await deliver(reply.text, reply.media, turns.filter(own));
  }
  return replied(sent);
}

/**
 * The text and media the agent gets: media fetched to disk once access allowed the sender (never before: a
 * denied or pairing sender's media are not fetched), and a notice in the text for media that could not be had.
 * A retryable fetch failure sends the message back to the queue instead (the turn has not started).
 */
async function turnMedia(
  account: ResolvedSmsAccount,
  message: InboundMessage,
  claimed: ClaimedInbound,
  deps: ProcessInboundDeps,
  signal: AbortSignal | undefined,
): Promise<{ text: string; media: AgentMedia[] } | { retry: InboundOutcome }> {
  if (message.media.length === 0) return { text: message.body, media: [] };
  if (deps.inboundMedia === undefined) return withNotice(message.body, [], message.media.length);
  const fetched = await deps.inboundMedia({
    account,
    message,
    messageSid: claimed.messageSid,
    attempt: claimed.attempts,
    signal,
  });
  if (fetched.retry !== undefined) {
    return { retry: { action: 'retry', reason: `inbound media: ${fetched.retry.message}` } };
  }
  return withNotice(message.body, fetched.media, fetched.unavailable.length);
}

function withNotice(
  body: string,
  media: AgentMedia[],
  missing: number,
): { text: string; media: AgentMedia[] } {
  if (missing === 0) return { text: body, media };
  const notice = unavailableNotice(missing);
  return { text: body === '' ? notice : `${body}\n${notice}`, media };
}

async function runAgent(
  deps: ProcessInboundDeps,
  work: () => Promise<AgentReply>,
): Promise<{ value: AgentReply; turns: CapturedConversationTurn[] }> {
  if (deps.turnHistory === undefined) return { value: await work(), turns: [] };
  return deps.turnHistory.capture(work);
}

/** Sends a fixed text (not an assistant reply) under `turnKey`; `false` when the log shows it went out before. */
async function sendNotice(
  deps: ProcessInboundDeps,
  account: ResolvedSmsAccount,
  to: string,
  text: string,
  turnKey: string,
): Promise<boolean> {
  const sent = await deps.outbound.send(account, to, await formatReplyParts(text, account), turnKey);
  return sent.parts.some((part) => part.sentNow);
}

/** The pairing branch; `undefined` when the sender turned out to be approved (the turn goes ahead). */
async function pair(
  account: ResolvedSmsAccount,
  sender: string,
  deps: ProcessInboundDeps,
): Promise<InboundOutcome | undefined> {
  const request = await deps.access.requestPairing(account.accountId, sender);
  const now = (deps.now ?? Date.now)();
  switch (request.kind) {
    case 'approved':
      return undefined;
    case 'code': {
      // Texted once per pending request: the outbound log under the code's key says whether it went out.
      const text = pairingMessage(request.code, request.expiresAt, deps.access.approveCommand, now);
      const sentNow = await sendNotice(deps, account, sender, text, pairingTurnKey(sender, request.code));
      return complete(sentNow ? 'pairing-code-sent' : 'pairing-code-already-sent');
    }
    case 'limit-reached': {
      // One notice per sender per pairing window: the outbound log under this key remembers it was sent.
      const window = Math.floor(now / deps.access.pairingTtlMs);
      const key = pairingLimitTurnKey(sender, window);
      const sentNow = await sendNotice(deps, account, sender, PAIRING_LIMIT_NOTICE, key);
      return complete('pairing-limit-notice', { sentNow });
    }
  }
}

async function failureOutcome(
  error: unknown,
  claimed: ClaimedInbound,
  deps: ProcessInboundDeps,
): Promise<InboundOutcome> {
  if (isTwilioApiError(error)) {
    const detail = error.toLog();
    if (error.twilioCode === 21610 && claimed.sender !== null) {
      // Twilio says the recipient opted out (STOP) before we knew: record it, and stop trying.
      await deps.optOuts.recordOptOut(claimed.accountId, claimed.sender).catch(() => undefined);
      return complete('opted-out', detail);
    }
    if (error.retryable) return { action: 'retry', reason: error.message, retryAfterMs: error.retryAfterMs };
    return { action: 'dead-letter', reason: error.message, detail };
  }
  if (isAgentError(error)) {
    if (error.transient) return { action: 'retry', reason: error.message };
    return { action: 'dead-letter', reason: error.message, detail: { code: error.code } };
  }
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { action: 'retry', reason };
}
