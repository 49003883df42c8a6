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
    encrypted: 'encrypted' in req.socket && req.socket.encrypted === true,
    readBody: async (limit, timeout, signal) => {
      const result = await readNodeBody(req, limit, timeout, signal);
      complete = result.ok;
      return result;
    },
    bodyComplete: () => complete || req.complete,
  };
}

/**
 * How much of an unread body is read and thrown away after an early answer, so that a client still sending it reads
 * the answer: closing a socket with unread input makes the kernel reset the connection, and a client that reads
 * only after its upload fails on the reset without seeing the answer. Past this, the connection is closed. 8 MiB:
 * no webhook client sends that much; a client that does is not worth more.
 */
export const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
/** How long the rest of a refused body (404, 405, 415, 413) may take to arrive before the connection is closed. */
export const DRAIN_MAX_MS = 5000;
/** Refused uploads draining at once in this process; past it, a refused upload's connection is closed at once. */
export const MAX_DRAINING = 64;
/**
 * How long the connection of a body too slow (408: past its deadline, or cut off for a newer request) is kept,
 * answered, before it is closed. Closing it at once invites the sender to reconnect at once: a slow-body flood
 * would turn into a connection churn that costs far more than an answered, idle socket.
 */
export const SLOW_HOLD_MS = 30_000;
/** Answered slow connections held at once in this process; past it, one is closed right after its answer. */
export const MAX_SLOW_HELD = 1024;

let draining = 0;
let held = 0;

type AfterAnswer = 'keep' | 'drain' | 'hold' | 'close';

function afterAnswer(req: IncomingMessage | undefined, status: number, bodyComplete: boolean): AfterAnswer {
  if (bodyComplete) return 'keep';
  if (req === undefined) return 'close';
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > DRAIN_MAX_BYTES) return 'close';
  if (status === 408) return held < MAX_SLOW_HELD ? 'hold' : 'close';
  return draining < MAX_DRAINING ? 'drain' : 'close';
}

/**
 * Reads and discards the rest of a body after its answer, at most `DRAIN_MAX_BYTES` within `maxMs`, then leaves
 * the connection to node:http (kept alive: the next request on it parses cleanly); past a bound, it is destroyed.
 */
function discardRestOfBody(req: IncomingMessage, maxMs: number, done: () => void): void {
  let bytes = 0;
  let finished = false;
  const stop = (destroy: boolean) => {
    if (finished) return;
    finished = true;
    done();
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
  const timer = setTimeout(() => stop(true), maxMs);
  timer.unref();
  req.on('data', onData);
  req.on('end', onEnd);
  req.socket.on('close', onEnd);
  req.resume();
}

/**
 * Writes a `WebhookResponse`. When the request body was not read to its end, what follows the answer depends on
 * why: after an early refusal (404, 405, 415, 413) the rest of the body is drained (`DRAIN_MAX_BYTES`,
 * `DRAIN_MAX_MS`) so a client still sending reads the answer; after a 408 the answered connection is held
 * (`SLOW_HOLD_MS`) rather than closed, so a slow sender is not invited to reconnect at once; past the counts of
 * either, or for a declared body over `DRAIN_MAX_BYTES`, the connection is closed after the answer. What is left of
 * a body is never parsed as the next request: node:http reads it as the body it is.
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
  const after = afterAnswer(req, response.status, bodyComplete);
  if (after === 'close') headers.Connection = 'close';
  res.writeHead(response.status, headers);
  res.end(response.body);
  if (req === undefined) return;
  if (after === 'drain') {
    draining += 1;
    discardRestOfBody(req, DRAIN_MAX_MS, () => {
      draining -= 1;
    });
  } else if (after === 'hold') {
    held += 1;
    discardRestOfBody(req, SLOW_HOLD_MS, () => {
      held -= 1;
    });
  }
}
