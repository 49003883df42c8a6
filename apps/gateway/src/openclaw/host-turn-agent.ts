import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { ReplyDrafts } from '@sms-channel/store';
import type { Agent, AgentTurn } from '../agent/agent.js';
import { AgentError } from '../agent/agent-error.js';
import type { GatewayLogger } from '../logging/create-logger.js';
import { formatReplyParts, type ReplyPart, type SentReply } from '../twilio/send-reply.js';
import { TwilioApiError } from '../twilio/twilio-error.js';
import type { OutboundSender } from '../worker/outbound-sender.js';
import type {
  HostChannelRuntime,
  HostConfig,
  HostDeliveryResult,
  HostReplyPayload,
  HostTurnPlan,
} from './host-types.js';

/**
 * Each SMS sender gets a session of their own. The host's default `dmScope` is `main`, where every sender of
 * every channel shares one assistant session: texts from two phones would read each other's conversation.
 */
export const SMS_DM_SCOPE = 'per-account-channel-peer';

export interface HostTurnAgentOptions {
  /** `ctx.channelRuntime` of the account. */
  channelRuntime: HostChannelRuntime;
  /** The host config of the turn (`runtime.config.current()`, else the account's start config). */
  config: () => HostConfig;
  account: ResolvedSmsAccount;
  /** Sends each reply the host delivers (formatted and chunked as SMS, logged per part). */
  outbound: OutboundSender;
  /**
   * Where each delivered reply is saved, as its SMS parts, before its first part is sent (the account's store).
   * With it (and an outbound with `sendParts`), a turn retried after a failed part or a crash sends the rest of
   * the saved reply instead of running the host's turn again: a second run may write another reply (the
   * recipient would get the start of one and the end of the other) or act twice.
   */
  drafts?: Pick<ReplyDrafts, 'getReplyDraft' | 'saveReplyDraft'>;
  logger: GatewayLogger;
  /** Wraps a failed send for the host (`PlatformMessageNotDispatchedError`). @default the error itself */
  notDispatchedError?: (message: string, cause: unknown, retryable: boolean) => Error;
  /** @default "sms" */
  channel?: string;
}

/** The turn runner: an `Agent` whose replies the host has already delivered through `outbound`. */
export interface HostTurnAgent extends Agent {
  /** The parts sent for one inbound message's turn (and forgets them); `undefined` when none were. */
  takeDelivered(messageSid: string): ReplyPart[] | undefined;
}

class TurnAbortedError extends AgentError {
  constructor() {
    super('TURN_ABORTED', 'the turn was stopped (the SMS account is stopping)', { transient: true });
    this.name = 'TurnAbortedError';
  }
}

/** A text for SMS: the reply's text, and any media as links (SMS carries no attachments here). */
function payloadText(payload: HostReplyPayload): string {
  const media = [payload.mediaUrl, ...(payload.mediaUrls ?? [])].filter(
    (url, index, all): url is string => typeof url === 'string' && url !== '' && all.indexOf(url) === index,
  );
  return [payload.text ?? '', ...media].filter((part) => part.trim() !== '').join('\n');
}

/**
 * Waits for `work`, or stops waiting when `signal` aborts (the host's turn cannot be cancelled from here; the
 * worker then releases the message to the queue, and parts already sent are not resent when it runs again).
 */
function untilAborted(work: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return work;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new TurnAbortedError());
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The assistant turn through the host: `channelRuntime.inbound.run` with a plan built from the SMS (a
 * per-sender session, the `sms:+1...` reply target) whose `delivery.deliver` sends each reply through our
 * outbound sender, under `<MessageSid>#<n>` in the outbound log and the reply drafts. The host hands over raw
 * markdown, once per reply: it is formatted and cut into SMS parts here, saved, then sent; a retried turn
 * sends the rest of the saved reply (parts Twilio already took are not resent) instead of a new turn.
 *
 * `reply()` answers an empty text (the host delivered the reply itself) or throws: a failed send is rethrown
 * after the host has settled the turn, so the worker retries it (Twilio 429/5xx) or dead-letters it (4xx).
 */
export function createHostTurnAgent(options: HostTurnAgentOptions): HostTurnAgent {
  const channel = options.channel ?? 'sms';
  const { account, logger } = options;
  const delivered = new Map<string, ReplyPart[]>();

  const record = (messageSid: string, sent: SentReply) =>
    delivered.set(messageSid, [...(delivered.get(messageSid) ?? []), ...sent.parts]);

  /** One delivery: its parts saved as the turn's draft first (the first saved draft stands), then sent. */
  async function sendDelivery(to: string, text: string, turnKey: string): Promise<SentReply> {
    const { drafts } = options;
    const sendParts = options.outbound.sendParts;
    if (drafts === undefined || sendParts === undefined) {
      return options.outbound.send(account, to, text, turnKey);
    }
    const parts = await formatReplyParts(text, account.textChunkLimit);
    const { draft } = await drafts.saveReplyDraft(account.accountId, turnKey, { to, parts });
    return sendParts(account, to, draft.parts, turnKey);
  }

  /**
   * A retried turn whose replies were saved: sends what the outbound log does not hold yet, without asking
   * the host again. `false` when nothing was saved (the turn never got as far as a reply).
   */
  async function resumeSavedReplies(turn: AgentTurn): Promise<boolean> {
    const { drafts } = options;
    const sendParts = options.outbound.sendParts;
    if (drafts === undefined || sendParts === undefined) return false;
    let index = 0;
    for (;;) {
      const turnKey = `${turn.messageSid}#${index}`;
      const draft = await drafts.getReplyDraft(account.accountId, turnKey);
      if (draft === undefined) break;
      record(turn.messageSid, await sendParts(account, turn.sender, draft.parts, turnKey));
      index += 1;
    }
    if (index > 0) {
      logger.info(
        { messageSid: turn.messageSid, replies: index },
        'resumed the saved reply of this message without running the turn again',
      );
    }
    return index > 0;
  }

  async function run(turn: AgentTurn): Promise<void> {
    if (await resumeSavedReplies(turn)) return;
    const cr = options.channelRuntime;
    const target = `${channel}:${turn.sender}`;
    let deliveries = 0;
    let failure: unknown;
    const deliver = async (payload: HostReplyPayload): Promise<HostDeliveryResult | undefined> => {
      const text = payloadText(payload);
      if (text === '') return undefined;
      const turnKey = `${turn.messageSid}#${deliveries}`;
      deliveries += 1;
      try {
        const sent = await sendDelivery(turn.sender, text, turnKey);
        record(turn.messageSid, sent);
        return { messageIds: sent.parts.map((part) => part.sid), visibleReplySent: sent.parts.length > 0 };
      } catch (error) {
        failure ??= error;
        const retryable = error instanceof TwilioApiError ? error.retryable : true;
        const message = error instanceof Error ? error.message : String(error);
        throw options.notDispatchedError?.(message, error, retryable) ?? error;
      }
    };
    const resolveTurn = (): HostTurnPlan => {
      const cfg = options.config();
      const route = cr.routing.resolveAgentRoute({
        cfg,
        channel,
        accountId: account.accountId,
        peer: { kind: 'direct', id: turn.sender },
        dmScope: SMS_DM_SCOPE,
      });
      const ctxPayload = cr.inbound.buildContext({
        channel,
        accountId: route.accountId,
        messageId: turn.messageSid,
        timestamp: Date.now(),
        from: target,
        sender: { id: turn.sender, name: turn.sender },
        conversation: { kind: 'direct', id: turn.sender, label: turn.sender },
        route: {
          agentId: route.agentId,
          dmScope: route.dmScope,
          accountId: route.accountId,
          routeSessionKey: route.sessionKey,
          dispatchSessionKey: route.sessionKey,
        },
        reply: { to: target, originatingTo: target },
        message: { body: turn.text, bodyForAgent: turn.text, rawBody: turn.text, commandBody: turn.text },
      });
      return {
        cfg,
        channel,
        accountId: route.accountId,
        route: { agentId: route.agentId, dmScope: route.dmScope, sessionKey: route.sessionKey },
        ctxPayload,
        delivery: {
          deliver,
          onError: (error) =>
            logger.warn({ err: error, messageSid: turn.messageSid, to: turn.sender }, 'reply not delivered'),
        },
      };
    };
    const result = await cr.inbound.run({
      channel,
      accountId: account.accountId,
      raw: turn,
      adapter: {
        ingest: () => ({
          id: turn.messageSid,
          timestamp: Date.now(),
          rawText: turn.text,
          textForAgent: turn.text,
        }),
        resolveTurn,
      },
      log: (event) => {
        if (event.event === 'error' || event.event === 'drop') {
          logger.warn(
            { stage: event.stage, event: event.event, reason: event.reason, messageSid: turn.messageSid },
            'host turn stage',
          );
        }
      },
    });
    if (failure !== undefined) throw failure;
    if (!result.dispatched) {
      logger.info(
        { messageSid: turn.messageSid, admission: result.admission?.kind },
        'the host did not start a turn for this message',
      );
    }
  }

  return {
    kind: 'openclaw',
    takeDelivered: (messageSid) => {
      const parts = delivered.get(messageSid);
      delivered.delete(messageSid);
      return parts;
    },
    reply: async (turn) => {
      delivered.delete(turn.messageSid);
      await untilAborted(run(turn), turn.signal);
      return { text: '' };
    },
  };
}
