import type { IncomingHttpHeaders } from 'node:http';

/** Why reading a body stopped. */
export type BodyReadFailure = 'too-large' | 'timeout' | 'aborted';
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
  /** Reads the whole body, giving up past `limitBytes` or after `timeoutMs`. */
  readBody(limitBytes: number, timeoutMs: number): Promise<BodyReadResult>;
}
