import type { InboundMedia } from '@sms-channel/twilio-messaging';
import type { SentReply } from '../reply/send-reply-parts.js';

/** A media attachment of an inbound MMS, as Twilio announced it (`MediaUrlN`, `MediaContentTypeN`). */
export type AgentMedia = InboundMedia;

/** The assistant's answer: markdown, turned into SMS text by the runtime. Empty text = no reply. */
export interface AgentReply {
  text: string;
}

/** One inbound message the assistant answers. */
export interface AgentTurn {
  accountId: string;
  /** E.164 number of the person texting. */
  sender: string;
  /** The number they texted (undefined when only a Messaging Service is known). */
  to: string | undefined;
  text: string;
  /** Twilio's MessageSid: unique per inbound message, stable across webhook retries. */
  messageSid: string;
  media: AgentMedia[];
  /** Aborted on shutdown or when the turn is given up. */
  signal?: AbortSignal | undefined;
  /**
   * Sends one reply now, durably: saved as a draft of this turn, then sent part by part (each accepted part
   * logged). For agents that answer more than once per turn (the OpenClaw host delivers each reply as its model
   * writes it); an agent with one answer simply returns it instead. Throws what the send throws
   * (`TwilioSendError`...), after which the turn is retried and resumes from the saved drafts.
   */
  deliver(reply: AgentReply): Promise<SentReply>;
}

/**
 * Whatever writes the replies: the standalone gateway ships `echo`, `command` and `openai`; the OpenClaw plugin
 * runs the host's turn. Throw an `AgentError` (`transient` or not) to say whether the turn may be retried.
 */
export interface Agent {
  /** For logs: `echo`, `command`, `openai`, `openclaw`... */
  readonly kind: string;
  reply(turn: AgentTurn): Promise<AgentReply>;
}
