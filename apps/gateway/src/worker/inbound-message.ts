import type { ClaimedInbound, JsonObject } from '@sms-channel/store';
import type { AgentMedia } from '../agent/agent.js';

/** The parts of a queued webhook form the worker acts on. */
export interface InboundMessage {
  from: string | undefined;
  to: string | undefined;
  body: string;
  /** Twilio's `OptOutType` (Advanced Opt-Out), when sent. */
  optOutType: string | undefined;
  media: AgentMedia[];
}

function text(payload: JsonObject, key: string): string | undefined {
  const value = payload[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

/** Reads a queued payload (the webhook form) defensively: it was signed by Twilio but is still input. */
export function readInboundMessage(claimed: Pick<ClaimedInbound, 'payload'>): InboundMessage {
  const { payload } = claimed;
  const count = Math.min(10, Math.max(0, Number.parseInt(text(payload, 'NumMedia') ?? '0', 10) || 0));
  const media: AgentMedia[] = [];
  for (let i = 0; i < count; i += 1) {
    const url = text(payload, `MediaUrl${i}`);
    if (url !== undefined) media.push({ url, contentType: text(payload, `MediaContentType${i}`) });
  }
  return {
    from: text(payload, 'From'),
    to: text(payload, 'To'),
    body: text(payload, 'Body') ?? '',
    optOutType: text(payload, 'OptOutType'),
    media,
  };
}
