/** What fetching one media URL gave. */
export type FetchedMedia =
  | {
      ok: true;
      /** The `Content-Type` header as served; null when there was none. */
      contentType: string | null;
      data: Uint8Array;
      /** Where the bytes finally came from, after redirects. */
      url: string;
    }
  | {
      ok: false;
      /** Why: `HTTP 404`, `timeout after 15000 ms`, `over 5242880 bytes`, `connect ECONNREFUSED ...`. */
      reason: string;
      /** The answer's status, when one came. */
      status: number | null;
      /** True when the body was larger than `maxBytes` (the caller's size rule, not a retrieval failure). */
      tooLarge: boolean;
    };

/** How to fetch: the time limit, the most bytes to read, and the sandbox's stop signal. */
export interface FetchMediaOptions {
  timeoutMs: number;
  /** Reading stops (and the fetch fails with `tooLarge`) past this many bytes. */
  maxBytes: number;
  signal: AbortSignal;
}

/**
 * GETs a media URL as Twilio does: following redirects, within a time limit for the whole exchange, reading at
 * most `maxBytes` (a larger answer is cut off, never buffered whole). A non-2xx answer, a network failure or
 * the time limit is a failure; an abort of the sandbox itself is thrown.
 */
export async function fetchMedia(url: string, options: FetchMediaOptions): Promise<FetchedMedia> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([timeout, options.signal]);
  try {
    const response = await fetch(url, {
      redirect: 'follow',
      signal,
      headers: { 'user-agent': 'TwilioProxy/1.1', accept: '*/*' },
    });
    if (response.status < 200 || response.status >= 300) {
      await response.body?.cancel();
      return { ok: false, reason: `HTTP ${response.status}`, status: response.status, tooLarge: false };
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > options.maxBytes) {
      await response.body?.cancel();
      return { ok: false, reason: `over ${options.maxBytes} bytes`, status: response.status, tooLarge: true };
    }
    const data = await readAtMost(response, options.maxBytes);
    if (data === null) {
      return { ok: false, reason: `over ${options.maxBytes} bytes`, status: response.status, tooLarge: true };
    }
    return { ok: true, contentType: response.headers.get('content-type'), data, url: response.url || url };
  } catch (error) {
    if (options.signal.aborted) throw error;
    const reason = timeout.aborted ? `timeout after ${options.timeoutMs} ms` : describeFailure(error);
    return { ok: false, reason, status: null, tooLarge: false };
  }
}

/** The body, or null as soon as it passes `maxBytes` (the rest is not read). */
async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
