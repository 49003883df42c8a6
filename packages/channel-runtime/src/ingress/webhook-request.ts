import type { IncomingHttpHeaders } from 'node:http';

/** Why reading a body stopped: over the limit, past the deadline, the client left, or cut off for a newer request. */
export type BodyReadFailure = 'too-large' | 'timeout' | 'aborted' | 'evicted';
export type BodyReadResult = { ok: true; body: Uint8Array } | { ok: false; reason: BodyReadFailure };

/** One HTTP request, as any server framework can describe it. */
export interface WebhookRequest {
  method: string;
  /** Path and query as received, e.g. `/webhooks/sms?x=1`. */
  target: string;
  headers: IncomingHttpHeaders;
  remoteAddress: string | undefined;
  /** Whether it arrived over TLS (the scheme of a URL rebuilt from headers that name none). @default false */
  encrypted?: boolean | undefined;
  /**
   * Reads the whole body, giving up past `limitBytes`, after `timeoutMs`, or when `signal` aborts (the request
   * was cut off to make room for a newer one: stop reading and let the connection go).
   */
  readBody(limitBytes: number, timeoutMs: number, signal?: AbortSignal): Promise<BodyReadResult>;
}
