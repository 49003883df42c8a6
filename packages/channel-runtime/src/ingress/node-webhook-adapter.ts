import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookResponse } from '@sms-channel/twilio-messaging';
import type { BodyReadResult, WebhookRequest } from './webhook-request.js';

/**
 * Reads a node:http request body up to `limitBytes`, within `timeoutMs`, until `signal` aborts. A declared
 * `Content-Length` above the limit is refused before a byte is read; a body that grows past it stops being read
 * at once.
 */
export function readNodeBody(
  req: IncomingMessage,
  limitBytes: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<BodyReadResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    return Promise.resolve({ ok: false, reason: 'too-large' });
  }
  if (signal?.aborted === true) return Promise.resolve({ ok: false, reason: 'evicted' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyReadResult) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
      signal?.removeEventListener('abort', onEvict);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) finish({ ok: false, reason: 'too-large' });
      else chunks.push(chunk);
    };
    const onEnd = () =>
      finish({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) });
    const onAbort = () => finish({ ok: false, reason: 'aborted' });
    const onEvict = () => finish({ ok: false, reason: 'evicted' });
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('aborted', onAbort);
    signal?.addEventListener('abort', onEvict, { once: true });
  });
}

/** A node:http request as a `WebhookRequest`; `bodyComplete` reports whether the body was read to its end. */
export function toWebhookRequest(req: IncomingMessage): WebhookRequest & { bodyComplete: () => boolean } {
  let complete = false;
  return {
    method: req.method ?? 'GET',
    target: req.url ?? '/',
    headers: req.headers,
    remoteAddress: req.socket.remoteAddress,
    readBody: async (limit, timeout, signal) => {
      const result = await readNodeBody(req, limit, timeout, signal);
      complete = result.ok;
      return result;
    },
    bodyComplete: () => complete || req.complete,
  };
}

/**
 * How much of an unread body is read and thrown away after an early answer (404, 405, 415, 413), so that a client
 * still sending it reads the answer: closing a socket with unread input makes the kernel reset the connection,
 * and a client that reads only after its upload fails on the reset without seeing the answer. Past this, the
 * connection is closed. 8 MiB: no webhook client sends that much; a client that does is not worth more.
 */
export const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
/** How long the rest of a refused body may take to arrive before the connection is closed. */
export const DRAIN_MAX_MS = 5000;
/** Connections draining at once in this process; past it, a refused upload's connection is closed at once. */
export const MAX_DRAINING = 64;

let draining = 0;

function canDrain(req: IncomingMessage | undefined, status: number): req is IncomingMessage {
  // A 408 is an answer to a body too slow (or cut off): waiting for the rest of it is what it refuses.
  if (req === undefined || status === 408 || draining >= MAX_DRAINING) return false;
  const declared = Number(req.headers['content-length']);
  return !(Number.isFinite(declared) && declared > DRAIN_MAX_BYTES);
}

/**
 * Reads and discards the rest of a refused body, at most `DRAIN_MAX_BYTES` within `DRAIN_MAX_MS`, then leaves the
 * connection to node:http (kept alive: the next request on it parses cleanly); past a bound, it is destroyed.
 */
function drainRefusedBody(req: IncomingMessage): void {
  draining += 1;
  let bytes = 0;
  let done = false;
  const stop = (destroy: boolean) => {
    if (done) return;
    done = true;
    draining -= 1;
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', onEnd);
    req.socket.off('close', onEnd);
    if (destroy) req.socket.destroy();
  };
  const onData = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > DRAIN_MAX_BYTES) stop(true);
  };
  const onEnd = () => stop(false);
  const timer = setTimeout(() => stop(true), DRAIN_MAX_MS);
  req.on('data', onData);
  req.on('end', onEnd);
  req.socket.on('close', onEnd);
  req.resume();
}

/**
 * Writes a `WebhookResponse`. When the request body was not read to its end (refused before or while reading),
 * the rest of it is drained (bounded) so the client sees the answer, or, when it cannot be (a 408, an upload past
 * the bounds, too many drains at once), the connection is closed after the answer: what is left of the body must
 * never be parsed as the next request.
 */
export function writeWebhookResponse(
  res: ServerResponse,
  response: WebhookResponse,
  bodyComplete: boolean,
): void {
  const headers: Record<string, string | number> = {
    ...response.headers,
    'Content-Length': Buffer.byteLength(response.body),
  };
  const req: IncomingMessage | undefined = res.req;
  const drain = !bodyComplete && canDrain(req, response.status);
  if (!bodyComplete && !drain) headers.Connection = 'close';
  res.writeHead(response.status, headers);
  res.end(response.body);
  if (drain) drainRefusedBody(req);
}
