import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { extensionOfMediaType } from './media-extension.js';
import { judgeContentType, SNIFF_BYTES, sniffMediaType } from './sniff-media-type.js';
import { isTwilioMediaError, TwilioMediaError } from './twilio-media-error.js';
import { parseTwilioMediaUrl, type TwilioMediaOwner } from './twilio-media-url.js';

export interface FetchTwilioMediaOptions extends TwilioMediaOwner {
  /** Twilio's `MediaUrlN`. */
  url: string;
  /** Twilio's `MediaContentTypeN`, used when the answer has no `Content-Type`. */
  contentType?: string | undefined;
  /** The auth token of `accountSid`: sent as Basic auth to the Twilio API origin only. */
  authToken: string;
  /** The folder to write into (created when missing). */
  directory: string;
  /** The file name without extension; the extension follows the media type (`photo` -> `photo.jpg`). */
  name: string;
  /** Most bytes accepted, counted on the bytes as they arrive. */
  maxBytes: number;
  /** Time allowed for the whole exchange, redirects and body included, in ms. @default 30000 */
  timeoutMs?: number;
  /** Redirects followed at most. @default 5 */
  maxRedirects?: number;
  /** Abandons the fetch (shutdown): a retryable `TwilioMediaError` (`aborted`). */
  signal?: AbortSignal | undefined;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** A media written to disk. */
export interface FetchedTwilioMedia {
  path: string;
  /** The type the bytes were found to be (the declared one when they cannot tell, for text formats). */
  contentType: string;
  size: number;
  mediaSid: string;
}

const RETRYABLE_STATUS = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * Fetches one inbound media of a Twilio message to a file, the way it must be done:
 * 1. the URL must be a Media URL of this account and message on the account's Twilio API origin
 *    (`parseTwilioMediaUrl`), else nothing is requested;
 * 2. `GET` with Basic auth (Twilio may require it for media), redirects followed by hand: the credentials go to
 *    the API origin only, never to another scheme, host or port (Twilio answers 307 to its CDN); an https hop
 *    never leads to http;
 * 3. the body is streamed to `<directory>/<name>.part`, counting bytes: past `maxBytes` the transfer stops
 *    (`Content-Length` may say less than comes, or nothing);
 * 4. the first bytes are sniffed and held against the `Content-Type` (`judgeContentType`);
 * 5. the file is renamed to `<name>.<ext>` only when all of that passed; failures leave no file.
 * The whole exchange has a time limit. Failures are `TwilioMediaError`s whose `retryable` tells the queue what to
 * do (408, 429, 5xx, no answer and the time limit may work later; the rest never will).
 */
export async function fetchTwilioMedia(options: FetchTwilioMediaOptions): Promise<FetchedTwilioMedia> {
  const checked = parseTwilioMediaUrl(options.url, options);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
  const partial = join(options.directory, `${options.name}.part`);
  const failed = (error: unknown): TwilioMediaError => {
    if (isTwilioMediaError(error)) return error;
    const url = options.url;
    if (isFileSystemError(error)) {
      return new TwilioMediaError(
        'storage',
        `Could not write ${url} to ${options.directory}: ${describe(error)}`,
        {
          url,
          retryable: true,
          cause: error,
        },
      );
    }
    if (options.signal?.aborted) {
      return new TwilioMediaError('aborted', `Fetching ${url} was abandoned (shutdown)`, {
        url,
        retryable: true,
      });
    }
    if (timeout.aborted) {
      return new TwilioMediaError('timeout', `Fetching ${url} took longer than ${timeoutMs} ms`, {
        url,
        retryable: true,
      });
    }
    return new TwilioMediaError('network', `Fetching ${url} failed: ${describe(error)}`, {
      url,
      retryable: true,
      cause: error,
    });
  };
  try {
    const response = await follow(checked.url, checked.apiOrigin, options, signal);
    const declared = response.headers.get('content-type') ?? options.contentType;
    await mkdir(options.directory, { recursive: true });
    const { size, head } = await streamToFile(response, partial, options.maxBytes, options.url, signal);
    const verdict = judgeContentType(declared ?? undefined, await sniffMediaType(head));
    if (!verdict.ok) {
      const found = verdict.sniffed === undefined ? 'something else' : verdict.sniffed;
      throw new TwilioMediaError(
        'content-type-mismatch',
        `Refused media ${options.url}: it is served as ${verdict.declared} but its bytes are ${found}`,
        { url: options.url, retryable: false },
      );
    }
    const path = join(options.directory, `${options.name}.${extensionOfMediaType(verdict.contentType)}`);
    await rename(partial, path);
    return { path, contentType: verdict.contentType, size, mediaSid: checked.mediaSid };
  } catch (error) {
    await rm(partial, { force: true });
    throw failed(error);
  }
}

/** node:fs failures carry the system call that failed; fetch's network failures do not. */
function isFileSystemError(error: unknown): boolean {
  const syscall = typeof error === 'object' && error !== null ? Reflect.get(error, 'syscall') : undefined;
  return typeof syscall === 'string' && ['open', 'write', 'mkdir', 'rename', 'close'].includes(syscall);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function basicAuth(accountSid: string, authToken: string): string {
  return `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
}

/** GETs `start`, following redirects by hand so that `Authorization` is only ever sent to `apiOrigin`. */
async function follow(
  start: URL,
  apiOrigin: string,
  options: FetchTwilioMediaOptions,
  signal: AbortSignal,
): Promise<Response> {
  const fetcher = options.fetch ?? fetch;
  const maxRedirects = options.maxRedirects ?? 5;
  let target = start;
  for (let hop = 0; ; hop += 1) {
    const headers: Record<string, string> = { accept: '*/*' };
    if (target.origin === apiOrigin) headers.authorization = basicAuth(options.accountSid, options.authToken);
    const response = await fetcher(target, { method: 'GET', headers, redirect: 'manual', signal });
    if (response.status >= 200 && response.status < 300) return response;
    await response.body?.cancel().catch(() => undefined);
    if (![301, 302, 303, 307, 308].includes(response.status)) {
      throw new TwilioMediaError('http-status', `Fetching ${options.url} answered HTTP ${response.status}`, {
        url: options.url,
        retryable: RETRYABLE_STATUS(response.status),
        status: response.status,
      });
    }
    target = nextHop(target, response.headers.get('location'), hop, maxRedirects, options.url);
  }
}

function nextHop(current: URL, location: string | null, hop: number, maxRedirects: number, url: string): URL {
  const refuse = (why: string) =>
    new TwilioMediaError('redirect-refused', `Fetching ${url}: ${why}`, { url, retryable: false });
  if (hop >= maxRedirects) throw refuse(`more than ${maxRedirects} redirects`);
  if (location === null || location === '') throw refuse('a redirect without a Location');
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw refuse('a redirect to something that is not a URL');
  }
  if (next.protocol !== 'https:' && next.protocol !== 'http:') throw refuse(`a redirect to ${next.protocol}`);
  if (current.protocol === 'https:' && next.protocol === 'http:')
    throw refuse('a redirect from https to http');
  return next;
}

/** Streams the body to `path`, stopping past `maxBytes`; returns its size and its first bytes (to sniff). */
async function streamToFile(
  response: Response,
  path: string,
  maxBytes: number,
  url: string,
  signal: AbortSignal,
): Promise<{ size: number; head: Uint8Array }> {
  const tooLarge = () =>
    new TwilioMediaError('too-large', `Refused media ${url}: over ${maxBytes} bytes`, {
      url,
      retryable: false,
    });
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  let size = 0;
  const head: Buffer[] = [];
  let headBytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(tooLarge());
        return;
      }
      if (headBytes < SNIFF_BYTES) {
        head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
        headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
      }
      done(null, chunk);
    },
  });
  const body =
    response.body === null
      ? Readable.from([])
      : Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
  await pipeline(body, counter, createWriteStream(path, { flags: 'w', mode: 0o600 }), { signal });
  return { size, head: Buffer.concat(head) };
}
