import type { ClaimedInbound } from '@sms-channel/store';
import { type InboundOutcome, type ProcessInboundDeps, processInbound } from '../worker/process-inbound.js';
import type { HostTurnAgent } from './host-turn-agent.js';

/**
 * `processInbound` with the host as the agent. The host delivers the reply itself (through our outbound), so
 * the worker sees an empty answer; the outcome is relabelled `replied` with the parts the host delivered, so
 * the log says what happened.
 */
export async function processHostInbound(
  claimed: ClaimedInbound,
  deps: ProcessInboundDeps & { agent: HostTurnAgent },
  signal?: AbortSignal,
): Promise<InboundOutcome> {
  const outcome = await processInbound(claimed, deps, signal);
  const parts = deps.agent.takeDelivered(claimed.messageSid);
  if (outcome.action !== 'complete' || outcome.result !== 'no-reply' || parts === undefined) return outcome;
  return {
    action: 'complete',
    result: 'replied',
    detail: { parts: parts.length, sids: parts.map((part) => part.sid) },
  };
}
