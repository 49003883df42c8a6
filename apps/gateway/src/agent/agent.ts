/** A media attachment of an inbound MMS (`MediaUrlN`, `MediaContentTypeN`). */
export interface AgentMedia {
  url: string;
  contentType: string | undefined;
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
}

/** The assistant's answer: markdown, turned into SMS text by the gateway. Empty text = no reply. */
export interface AgentReply {
  text: string;
}

/**
 * Whatever writes the replies. The gateway ships `echo`, `command` and `openai`; the OpenClaw plugin swaps in
 * the host's turn runner. Throw an `AgentError` (`transient` or not) to say whether the turn may be retried.
 */
export interface Agent {
  /** For logs: `echo`, `command`, `openai`, ... */
  readonly kind: string;
  reply(turn: AgentTurn): Promise<AgentReply>;
}
