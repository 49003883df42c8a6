import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_OVERSIZED_BYTES, type FaultRule, latencyOf } from './fault-rules.js';
import { remember, type SandboxContext } from './sandbox-context.js';
import type { CdnRequest } from './sandbox-event.js';

/** The media "CDN": a second HTTP server, on its own origin, that serves media bytes by unguessable path. */
export interface CdnServer {
  /** Listens on `cdnHost` (any free port); resolves with its base URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Creates the CDN Twilio's media URLs redirect to (Twilio: `mms.twiliocdn.com`, or a storage host without
 * enforced auth). Like a storage host it knows nothing of accounts or credentials: a path is a capability, and
 * any `Authorization` header is ignored (and recorded, for tests that prove none arrives). `GET` and `HEAD` only;
 * an unknown or deleted path is 404, an expired one 403. Faults on `media.cdn` shape the answers.
 */
export function createCdnServer(context: SandboxContext): CdnServer {
  let server: Server | null = null;
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const entry: CdnRequest = {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers: { ...request.headers },
      status: null,
      mediaSid: null,
      fault: null,
      at: context.options.now(),
    };
    remember(context.cdnRequests, entry);
    const settled = () => context.events.emit({ type: 'cdn.request', request: { ...entry } });
    response.once('close', settled);
    answer(context, request, response, entry).catch(() => response.destroy());
  };
  return {
    async start() {
      const listening = createServer(handle);
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(0, context.options.cdnHost, () => {
          listening.off('error', reject);
          resolve();
        });
      });
      server = listening;
      const address = listening.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}`;
    },
    async stop() {
      const running = server;
      if (!running) return;
      server = null;
      const closed = new Promise<void>((resolve) => running.close(() => resolve()));
      running.closeAllConnections();
      await closed;
    },
  };
}

async function answer(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
  entry: CdnRequest,
): Promise<void> {
  const path = new URL(entry.url, 'http://cdn.invalid').pathname;
  const lookup = context.media.resolve(path, context.options.now());
  entry.mediaSid = lookup.found ? lookup.media.sid : null;
  if (entry.method !== 'GET' && entry.method !== 'HEAD') {
    return finish(
      entry,
      response,
      405,
      { allow: 'GET, HEAD' },
      storageError('MethodNotAllowed', entry.method),
    );
  }
  const faults = context.faults.take('media.cdn');
  const latency = latencyOf(faults.find((fault) => fault.kind === 'latency'));
  if (latency > 0) {
    entry.fault = 'latency';
    await context.tasks.sleep(latency);
  }
  const failing = faults.find((fault) => fault.kind === 'drop' || fault.kind === 'status');
  if (failing?.kind === 'drop') {
    entry.fault = 'drop';
    request.socket.destroy();
    return;
  }
  if (failing?.kind === 'status') {
    entry.fault = 'status';
    const headers: Record<string, string> =
      failing.retryAfterSeconds === undefined ? {} : { 'retry-after': String(failing.retryAfterSeconds) };
    return finish(
      entry,
      response,
      failing.status,
      headers,
      storageError('InjectedFault', String(failing.status)),
    );
  }
  if (!lookup.found) {
    return lookup.reason === 'expired'
      ? finish(entry, response, 403, {}, storageError('AccessDenied', 'Request has expired'))
      : finish(entry, response, 404, {}, storageError('NoSuchKey', 'The specified key does not exist.'));
  }
  const media = lookup.media;
  let body: Buffer = Buffer.from(media.data);
  let contentType = media.contentType;
  let chunked = false;
  for (const fault of faults) {
    if (fault.kind === 'content-type') contentType = fault.contentType ?? 'text/html; charset=utf-8';
    if (fault.kind === 'oversized') {
      body = padded(body, fault);
      chunked = fault.chunked ?? false;
    }
  }
  entry.fault = faults.find((fault) => fault.kind !== 'latency')?.kind ?? entry.fault;
  const headers: Record<string, string> = {
    'content-type': contentType,
    'cache-control': 'private, max-age=14400',
    'last-modified': media.dateCreated.toUTCString(),
    ...(media.filename
      ? { 'content-disposition': `inline; filename="${safeFileName(media.filename)}"` }
      : {}),
    ...(chunked ? {} : { 'content-length': String(body.byteLength) }),
  };
  entry.status = 200;
  response.writeHead(200, headers);
  response.end(entry.method === 'HEAD' ? undefined : body);
}

/** The media followed by zeros up to the fault's size (a storage host serving something far too big). */
function padded(data: Buffer, fault: FaultRule & { kind: 'oversized' }): Buffer {
  const size = Math.max(fault.bytes ?? DEFAULT_OVERSIZED_BYTES, data.byteLength);
  const body = Buffer.alloc(size);
  data.copy(body);
  return body;
}

function finish(
  entry: CdnRequest,
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  entry.status = status;
  response.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  response.end(entry.method === 'HEAD' ? undefined : body);
}

/** A storage host's error document (the CDN speaks like S3, not like Twilio's API). */
function storageError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>\n`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A file name safe inside a quoted header parameter. */
function safeFileName(name: string): string {
  return name.replace(/[^\w.-]/g, '_');
}
