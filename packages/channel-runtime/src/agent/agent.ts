import type { SentReply } from '../reply/send-reply-parts.js';

/**
 * A media attachment of an inbound MMS, fetched already: the file on disk (under the host's media directory,
 * deleted by the runtime's retention sweep), what its bytes are, and Twilio's URL it came from.
 */
export interface AgentMedia {
  /** Twilio's `MediaUrlN` (needs the account's credentials to fetch; prefer `path`). */
  url: string;
  /** Absolute path of the file. */
  path: string;
  /** What the bytes are (sniffed; the declared type for text formats such as vCard). */
  contentType: string;
  /** Bytes. */
  size: number;
}

/**
 * A media to send with a reply (MMS): a public http(s) URL Twilio fetches itself, or a local file the host
 * serves to Twilio at an unguessable, expiring URL. `contentType` is sniffed from a local file when omitted.
 */
export type ReplyMedia =
  | { url: string; contentType?: string | undefined }
  | { path: string; contentType?: string | undefined };

/** The assistant's answer: markdown, turned into SMS text by the runtime. Empty text and no media = no reply. */
export interface AgentReply {
  text: string;
  /** Sent with the first part of the reply (at most 10; Twilio's MMS limits apply). @default none */
  media?: readonly ReplyMedia[] | undefined;
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
  /**
   * The message's media, fetched to disk (a media-only MMS has `text: ''`). Media that could not be had are not
   * here: `text` ends with a notice instead (`[1 attachment unavailable]`).
   */
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
