import { type Agent, AgentError, type AgentTurn, type Logger } from '@sms-channel/channel-runtime';
import type { ResolvedSmsAccount } from '@sms-channel/config';
import { isTwilioApiError } from '@sms-channel/twilio-messaging';
import { mediaPlaceholder, toHostMediaFacts, toReplyMedia } from './host-media.js';
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
  logger: Logger;
  /** Wraps a failed send for the host (`PlatformMessageNotDispatchedError`). @default the error itself */
  notDispatchedError?: (message: string, cause: unknown, retryable: boolean) => Error;
  /** @default "sms" */
  channel?: string;
}

class TurnAbortedError extends AgentError {
  constructor() {
    super('TURN_ABORTED', 'the turn was stopped (the SMS account is stopping)', { transient: true });
    this.name = 'TurnAbortedError';
  }
}

/** The media of a host reply payload (`mediaUrl` and `mediaUrls`, each once, in order). */
function payloadMedia(payload: HostReplyPayload): string[] {
  return [payload.mediaUrl, ...(payload.mediaUrls ?? [])].filter(
    (url, index, all): url is string => typeof url === 'string' && url !== '' && all.indexOf(url) === index,
  );
}

/**
 * Waits for `work`, or stops waiting when `signal` aborts (the host's turn cannot be cancelled from here; the
 * worker then releases the message to the queue, and replies already saved are resumed, not asked again).
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
 * The assistant turn through the host, as the runtime's `Agent`: `channelRuntime.inbound.run` with a plan built
 * from the SMS (a per-sender session, the `sms:+1...` reply target) whose `delivery.deliver` hands each reply
 * the host writes to `turn.deliver`: the runtime saves it as a draft of the turn, then sends it part by part,
 * exactly as it does for the standalone gateway's agents. A retried turn resumes from the saved drafts without
 * asking the host again.
 *
 * `reply()` answers an empty text (every reply went through `turn.deliver`) or throws: a failed send is
 * rethrown after the host has settled the turn, so the worker retries it (Twilio 429/5xx) or dead-letters it.
 */
export function createHostTurnAgent(options: HostTurnAgentOptions): Agent {
  const channel = options.channel ?? 'sms';
  const { account, logger } = options;

  async function run(turn: AgentTurn): Promise<void> {
    const cr = options.channelRuntime;
    const target = `${channel}:${turn.sender}`;
    // A picture without caption is a turn with the host's placeholder, not an empty message.
    const body = turn.text === '' ? mediaPlaceholder(turn.media) : turn.text;
    let failure: unknown;
    const deliver = async (payload: HostReplyPayload): Promise<HostDeliveryResult | undefined> => {
      const text = payload.text ?? '';
      const media = payloadMedia(payload);
      if (text.trim() === '' && media.length === 0) return undefined;
      try {
        const sent = await turn.deliver({ text, media: media.map(toReplyMedia) });
        return { messageIds: sent.parts.map((part) => part.sid), visibleReplySent: sent.parts.length > 0 };
      } catch (error) {
        failure ??= error;
        const retryable = isTwilioApiError(error) ? error.retryable : true;
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
        message: { body, bodyForAgent: body, rawBody: turn.text, commandBody: turn.text },
        ...(turn.media.length === 0 ? {} : { media: toHostMediaFacts(turn.media, turn.messageSid) }),
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
          rawText: body,
          textForAgent: body,
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
    reply: async (turn) => {
      await untilAborted(run(turn), turn.signal);
      return { text: '' };
    },
  };
}
