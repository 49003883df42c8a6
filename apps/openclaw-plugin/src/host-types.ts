import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The parts of the OpenClaw host (openclaw 2026.9.6, `openclaw/plugin-sdk/*`) the `sms` channel plugin uses,
 * as narrow structural types: the host's own declarations span thousands of generated lines, and the plugin
 * must type-check and be tested without the host installed. Each shape was checked against the host's
 * `dist/**\/*.d.ts` and by running it (docs/openclaw-host.md); the host is the source of truth.
 */

/** The host's whole configuration (`openclaw.json`), as written: `channels.sms` is ours to read. */
export type HostConfig = Readonly<Record<string, unknown>>;

/** `ctx.log` of a channel account: lines appear in the gateway console and log as `[sms] ...`. */
export interface HostLogSink {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug?(message: string): void;
}

/** `channelRuntime.pairing`: requests and approvals in the host's state DB (`openclaw pairing list/approve`). */
export interface HostPairing {
  /** The host makes the code; the same sender again gets the same code. `code: ""` past 3 pending requests. */
  upsertPairingRequest(params: {
    channel: string;
    id: string;
    accountId: string;
    meta?: Record<string, string | undefined | null>;
  }): Promise<{ code: string; created: boolean }>;
  /** Approved senders of one account, as passed to `upsertPairingRequest` when they were approved. */
  readAllowFromStore(params: { channel: string; accountId: string }): Promise<string[]>;
}

/** What `routing.resolveAgentRoute` answers. */
export interface HostAgentRoute {
  agentId: string;
  accountId: string;
  sessionKey: string;
  dmScope?: string | undefined;
}

/** One reply the host hands to `delivery.deliver` (raw markdown: the host neither strips nor chunks it). */
export interface HostReplyPayload {
  text?: string | undefined;
  mediaUrl?: string | undefined;
  mediaUrls?: string[] | undefined;
}

/** What `deliver` answers: the platform ids of what became visible. */
export interface HostDeliveryResult {
  messageIds: string[];
  visibleReplySent: boolean;
  content?: string;
}

/** The plan `resolveTurn` returns to `inbound.run`. */
export interface HostTurnPlan {
  cfg: HostConfig;
  channel: string;
  accountId: string;
  route: { agentId: string; dmScope?: string | undefined; sessionKey: string };
  ctxPayload: unknown;
  delivery: {
    deliver(
      payload: HostReplyPayload,
      info: { kind: string; assistantMessageIndex?: number },
    ): Promise<HostDeliveryResult | undefined>;
    onError?(error: unknown, info: unknown): void;
  };
}

/** A stage event `inbound.run` reports through `log`. */
export interface HostTurnLogEvent {
  stage: string;
  event: string;
  reason?: unknown;
  error?: unknown;
}

export interface HostTurnParams<TRaw> {
  channel: string;
  accountId?: string;
  raw: TRaw;
  adapter: {
    ingest(raw: TRaw): {
      id: string;
      timestamp?: number;
      rawText: string;
      textForAgent?: string;
      raw?: unknown;
    };
    resolveTurn(
      input: unknown,
      eventClass: unknown,
      preflight: unknown,
    ): HostTurnPlan | Promise<HostTurnPlan>;
  };
  log?(event: HostTurnLogEvent): void;
}

/** `inbound.run`'s answer; only `dispatched` and the admission kind are read. */
export interface HostTurnResult {
  dispatched: boolean;
  admission?: { kind?: string } | undefined;
}

/** What `inbound.buildContext` takes (the fields the plugin fills). */
export interface HostInboundContextInput {
  channel: string;
  accountId: string;
  messageId: string;
  timestamp: number;
  from: string;
  sender: { id: string; name?: string };
  conversation: { kind: 'direct'; id: string; label?: string };
  route: {
    agentId: string;
    dmScope?: string | undefined;
    accountId: string;
    routeSessionKey: string;
    dispatchSessionKey: string;
  };
  reply: { to: string; originatingTo: string };
  message: { body: string; bodyForAgent: string; rawBody: string; commandBody: string };
  /**
   * The message's attachments as the host's ordered media facts (`InboundMediaFacts`): local files the host's
   * agent reads (under `<state dir>/media`, a root the host allows) with their type and size.
   */
  media?: HostMediaFact[];
}

/** One attachment as the host takes it (`MediaFact` of openclaw 2026.9.6, the fields the plugin sets). */
export interface HostMediaFact {
  path: string;
  contentType: string;
  kind: 'image' | 'audio' | 'video' | 'document';
  sizeBytes: number;
  messageId: string;
}

/** `PluginRuntime['channel']`, also handed to `startAccount` as `ctx.channelRuntime`. */
export interface HostChannelRuntime {
  pairing: HostPairing;
  routing: {
    resolveAgentRoute(input: {
      cfg: HostConfig;
      channel: string;
      accountId?: string | null;
      peer?: { kind: 'direct'; id: string } | null;
      dmScope?: string;
    }): HostAgentRoute;
  };
  inbound: {
    run<TRaw>(params: HostTurnParams<TRaw>): Promise<HostTurnResult>;
    buildContext(input: HostInboundContextInput): unknown;
  };
}

/** The `PluginRuntime` `setRuntime` receives (not `ctx.runtime`, which is only a console). */
export interface HostPluginRuntime {
  state: { resolveStateDir(): string };
  config?: { current?(): HostConfig };
  channel: HostChannelRuntime;
}

/** A snapshot of one account, as `channels status` shows it (the fields the plugin sets). */
export interface HostAccountSnapshot {
  accountId: string;
  [field: string]: unknown;
}

/** `gateway.startAccount`'s context. */
export interface HostGatewayContext<TAccount> {
  cfg: HostConfig;
  accountId: string;
  account: TAccount;
  abortSignal: AbortSignal;
  log?: HostLogSink | undefined;
  getStatus(): HostAccountSnapshot;
  setStatus(next: HostAccountSnapshot): void;
  channelRuntime?: HostChannelRuntime | undefined;
}

/** `outbound.sendText`'s context (the fields the plugin reads). */
export interface HostOutboundContext {
  cfg: HostConfig;
  to: string;
  text: string;
  /** `sendMedia`: the media to send, an http(s) URL or a local path the host allows. */
  mediaUrl?: string;
  accountId?: string | null;
  signal?: AbortSignal;
  /** An opaque durable id of this delivery, when the host has one: the key of our outbound log. */
  deliveryQueueId?: string;
}

export interface HostOutboundResult {
  channel: string;
  messageId: string;
  timestamp?: number;
  meta?: Record<string, unknown>;
}

export type HostTargetResolution = { ok: true; to: string } | { ok: false; error: Error };

export interface HostPluginRouteParams {
  path: string;
  handler(req: IncomingMessage, res: ServerResponse): Promise<boolean | undefined> | boolean | undefined;
  /** `plugin`: no gateway auth; the plugin checks `X-Twilio-Signature` itself. */
  auth: 'gateway' | 'plugin';
  match?: 'exact' | 'prefix';
  replaceExisting?: boolean;
  pluginId?: string;
  accountId?: string;
  log?(message: string): void;
}

/**
 * The host functions the plugin calls, imported from `openclaw/plugin-sdk/*` by the entry only, and injected
 * everywhere else (so the plugin's logic is tested without the host).
 */
export interface HostSdk {
  /** `webhook-ingress`: serves a path on the gateway's own port; returns the unregister function. */
  registerPluginHttpRoute(params: HostPluginRouteParams): () => void;
  /** `error-runtime`'s `PlatformMessageNotDispatchedError`: a reply that did not reach the recipient. */
  notDispatchedError(message: string, cause: unknown, retryable: boolean): Error;
}
