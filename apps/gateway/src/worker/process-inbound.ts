import type { ResolvedSmsAccount } from '@sms-channel/config';
import { classifyOptOutKeyword } from '@sms-channel/phone-policy';
import type { ClaimedInbound, OptOutRegistry, ReplyDraft, ReplyDrafts } from '@sms-channel/store';
import type { Agent, AgentReply } from '../agent/agent.js';
import { AgentError } from '../agent/agent-error.js';
import { formatReplyParts } from '../twilio/send-reply.js';
import { TwilioApiError } from '../twilio/twilio-error.js';
import { type InboundMessage, readInboundMessage } from './inbound-message.js';
import type { OutboundSender } from './outbound-sender.js';
import type { SenderAccess } from './sender-access.js';
import type { SenderPacer } from './sender-pacer.js';
import type { CapturedConversationTurn, TurnHistory } from './turn-history.js';

/** Sent at most once per sender per pairing window when no code can be issued. */
export const PAIRING_LIMIT_NOTICE =
  'This assistant has too many pending pairing requests right now. Please try again later.';

/** What became of one claimed message. */
export type InboundOutcome =
  | { action: 'complete'; result: CompletedResult; detail?: Record<string, unknown> }
  | { action: 'retry'; reason: string; retryAfterMs?: number | undefined }
  /** Not tried: hand it out again after `retryAfterMs`, without counting an attempt (per-sender pacing). */
  | { action: 'defer'; reason: string; retryAfterMs: number }
  | { action: 'dead-letter'; reason: string; detail?: Record<string, unknown> };

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
   * Per-sender pacing: a sender over the limit has the message deferred (given back to the queue for the
   * wait, not counted as an attempt), so the worker is free for other senders meanwhile.
   */
  pacer?: SenderPacer;
  /**
   * Where replies are saved before they are sent (the store). With it, and an outbound that has `sendParts`,
   * a turn resumed after a crash or a failed part sends the rest of the SAME reply from its draft, without
   * running the agent again. Without it, a resumed turn reruns the agent (whose reply may differ).
   */
  drafts?: Pick<ReplyDrafts, 'getReplyDraft' | 'saveReplyDraft'>;
  /**
   * The conversation history the agent was given (`createTurnHistory`): its appends during the turn are saved
   * with the reply draft, so a resumed turn does not record the turn twice.
   */
  turnHistory?: TurnHistory;
  now?: () => number;
}

const complete = (result: CompletedResult, detail?: Record<string, unknown>): InboundOutcome =>
  detail === undefined ? { action: 'complete', result } : { action: 'complete', result, detail };

/**
 * One queued message, start to end: STOP/START/HELP (recorded, never answered: Twilio answers those itself),
 * opted-out senders (nothing sent), access (`deny`: nothing; `pair`: the pairing code, texted once per pending
 * request; `allow`: the assistant turn and its reply). Never throws: failures become `retry` (transient) or
 * `dead-letter` (final) outcomes for the worker to settle.
 */
export async function processInbound(
  claimed: ClaimedInbound,
  deps: ProcessInboundDeps,
  signal?: AbortSignal,
): Promise<InboundOutcome> {
  try {
    return await run(claimed, deps, signal);
  } catch (error) {
    return failureOutcome(error, claimed, deps);
  }
}

async function run(
  claimed: ClaimedInbound,
  deps: ProcessInboundDeps,
  signal?: AbortSignal,
): Promise<InboundOutcome> {
  const account = deps.account(claimed.accountId);
  if (account === undefined || !account.enabled) {
    return { action: 'dead-letter', reason: `account ${claimed.accountId} is not configured or not enabled` };
  }
  const message = readInboundMessage(claimed);
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
  return turn(account, sender, message, claimed, deps, signal);
}

/** The `allow` branch: the reply from a saved draft (a resumed turn), or pacing, the agent, the draft, the send. */
async function turn(
  account: ResolvedSmsAccount,
  sender: string,
  message: InboundMessage,
  claimed: ClaimedInbound,
  deps: ProcessInboundDeps,
  signal: AbortSignal | undefined,
): Promise<InboundOutcome> {
  const turnKey = claimed.messageSid;
  const sendParts = deps.outbound.sendParts?.bind(deps.outbound);
  // Drafts need an outbound that sends saved parts as they are.
  const drafts = sendParts === undefined ? undefined : deps.drafts;
  const saved = await drafts?.getReplyDraft(account.accountId, turnKey);
  if (saved !== undefined && sendParts !== undefined) return sendDraft(account, saved, sendParts, true);

  const waitMs = deps.pacer?.tryAcquire(`${account.accountId}\u0000${sender}`) ?? 0;
  if (waitMs > 0) {
    return {
      action: 'defer',
      reason: 'sender over gateway.limits.senderTurnsPerMinute',
      retryAfterMs: waitMs,
    };
  }
  const { value: reply, turns } = await runAgent(deps, () =>
    deps.agent.reply({
      accountId: account.accountId,
      sender,
      to: message.to,
      text: message.body,
      messageSid: claimed.messageSid,
      media: message.media,
      signal,
    }),
  );
  if (drafts === undefined || sendParts === undefined) {
    await deps.turnHistory?.commit(turns);
    if (reply.text.trim() === '') return complete('no-reply');
    const sent = await deps.outbound.send(account, sender, reply.text, turnKey);
    return complete('replied', { parts: sent.parts.length, sids: sent.parts.map((part) => part.sid) });
  }
  // The turns of this sender are stored with the draft, in its transaction; anything else as it came.
  const own = (entry: CapturedConversationTurn) =>
    entry.accountId === account.accountId && entry.sender === sender;
  await deps.turnHistory?.commit(turns.filter((entry) => !own(entry)));
  const { draft } = await drafts.saveReplyDraft(account.accountId, turnKey, {
    to: sender,
    parts: await formatReplyParts(reply.text, account.textChunkLimit),
    conversation: turns.filter(own).map(({ role, content }) => ({ role, content })),
  });
  return sendDraft(account, draft, sendParts, false);
}

async function runAgent(
  deps: ProcessInboundDeps,
  work: () => Promise<AgentReply>,
): Promise<{ value: AgentReply; turns: CapturedConversationTurn[] }> {
  if (deps.turnHistory === undefined) return { value: await work(), turns: [] };
  return deps.turnHistory.capture(work);
}

/** Sends a saved reply: the parts the outbound log does not hold yet. */
async function sendDraft(
  account: ResolvedSmsAccount,
  draft: ReplyDraft,
  sendParts: NonNullable<OutboundSender['sendParts']>,
  resumed: boolean,
): Promise<InboundOutcome> {
  const detail = resumed ? { fromSavedDraft: true } : {};
  if (draft.parts.length === 0) return complete('no-reply', resumed ? detail : undefined);
  const sent = await sendParts(account, draft.to, draft.parts, draft.turnKey);
  return complete('replied', {
    parts: sent.parts.length,
    sids: sent.parts.map((part) => part.sid),
    ...detail,
  });
}

/** The pairing branch; `undefined` when the sender turned out to be approved (the turn goes ahead). */
async function pair(
  account: ResolvedSmsAccount,
  sender: string,
  deps: ProcessInboundDeps,
): Promise<InboundOutcome | undefined> {
  const step = await deps.access.requestPairing(account.accountId, sender);
  switch (step.kind) {
    case 'approved':
      return undefined;
    case 'code-already-sent':
      return complete('pairing-code-already-sent');
    case 'send-code': {
      const text = deps.access.pairingMessage(step.code, step.expiresAt);
      await deps.outbound.send(account, sender, text, `pairing:${sender}:${step.code}`);
      await deps.access.markCodeSent(account.accountId, sender, step.code);
      return complete('pairing-code-sent');
    }
    case 'limit-reached': {
      // One notice per sender per pairing window: the outbound log under this key remembers it was sent.
      const window = Math.floor((deps.now ?? Date.now)() / deps.access.pairingTtlMs);
      const sent = await deps.outbound.send(
        account,
        sender,
        PAIRING_LIMIT_NOTICE,
        `pairing-limit:${sender}:${window}`,
      );
      return complete('pairing-limit-notice', { sentNow: sent.parts.some((part) => part.sentNow) });
    }
  }
}

async function failureOutcome(
  error: unknown,
  claimed: ClaimedInbound,
  deps: ProcessInboundDeps,
): Promise<InboundOutcome> {
  if (error instanceof TwilioApiError) {
    const detail = error.toLog();
    if (error.twilioCode === 21610 && claimed.sender !== null) {
      // Twilio says the recipient opted out (STOP) before we knew: record it, and stop trying.
      await deps.optOuts.recordOptOut(claimed.accountId, claimed.sender).catch(() => undefined);
      return complete('opted-out', detail);
    }
    if (error.retryable) return { action: 'retry', reason: error.message, retryAfterMs: error.retryAfterMs };
    return { action: 'dead-letter', reason: error.message, detail };
  }
  if (error instanceof AgentError) {
    if (error.transient) return { action: 'retry', reason: error.message };
    return { action: 'dead-letter', reason: error.message, detail: { code: error.code } };
  }
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { action: 'retry', reason };
}
