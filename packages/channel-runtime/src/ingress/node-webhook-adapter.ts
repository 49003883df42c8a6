import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookResponse } from '@sms-channel/twilio-messaging';
import type { BodyReadResult, WebhookRequest } from './webhook-request.js';

/**
 * Reads a node:http request body up to `limitBytes`, within `timeoutMs`. A declared `Content-Length` above the
 * limit is refused before a byte is read; a body that grows past it stops being read at once.
 */
export function readNodeBody(
  req: IncomingMessage,
  limitBytes: number,
  timeoutMs: number,
): Promise<BodyReadResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    return Promise.resolve({ ok: false, reason: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyReadResult) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
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
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('aborted', onAbort);
  });
}

/** A node:http request as a `WebhookRequest`; `bodyRead` reports whether the body was read to its end. */
export function toWebhookRequest(req: IncomingMessage): WebhookRequest & { bodyComplete: () => boolean } {
  let complete = false;
  return {
    method: req.method ?? 'GET',
    target: req.url ?? '/',
    headers: req.headers,
    remoteAddress: req.socket.remoteAddress,
    encrypted: 'encrypted' in req.socket && req.socket.encrypted === true,
    readBody: async (limit, timeout) => {
      const result = await readNodeBody(req, limit, timeout);
      complete = result.ok;
      return result;
    },
    bodyComplete: () => complete || req.complete,
  };
}

/**
 * Writes a `WebhookResponse`. When the request body was not read to its end (refused before or while reading),
 * the connection is closed after the answer: what is left of the body must not be parsed as the next request.
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
  if (!bodyComplete) headers.Connection = 'close';
  res.writeHead(response.status, headers);
  res.end(response.body);
}
