import { forwardedRequestUrl, isOriginRelativeTarget } from './request-url.js';

/** Where the URL a signature is checked against came from: worth logging with every refusal. */
export type SignedUrlSource = 'publicWebhookUrl' | 'forwarded-headers' | 'listen-address';

/** The URL Twilio signed for a request, as far as the server can tell, and how it was found. */
export interface SignedUrl {
  url: string;
  source: SignedUrlSource;
}

/** How {@link resolveSignedUrl} may find the URL. */
export interface ResolveSignedUrlOptions {
  /**
   * The exact URL configured in Twilio for this webhook, query string included. When given it is the answer:
   * no header is read.
   */
  publicUrl?: string | undefined;
  /**
   * Rebuild the URL from `X-Forwarded-Proto`, `X-Forwarded-Host` (else `Host`) and the request target. Only
   * behind a reverse proxy you control that sets those headers itself: a client controls them otherwise.
   * @default false
   */
  trustProxy?: boolean | undefined;
  /**
   * The origin the server listens on (`http://127.0.0.1:8787`): the URL of last resort, right only when
   * Twilio (or a local look-alike) calls the server directly. The Host header is never used in its place.
   */
  listenOrigin?: string | undefined;
}

/**
 * A Node `http.IncomingMessage` (or anything shaped like it: Express, Fastify's `raw`). Structural, so this
 * package needs no `node:http` at run time.
 */
export interface NodeRequestLike {
  headers: Record<string, string | string[] | undefined>;
  /** Path and query as received (the request target). */
  url?: string | undefined;
  /** A `tls.TLSSocket` has `encrypted: true`; anything else means plain HTTP. */
  socket?: object | null | undefined;
}

/** A Fetch API `Request` (Hono, Next.js route handlers, Bun, Deno, undici), or anything shaped like it. */
export interface FetchRequestLike {
  url: string;
  headers: { get(name: string): string | null };
}

/** What the resolver reads of a request, whatever its runtime type. */
interface RequestFacts {
  header(name: string): string | undefined;
  /** The scheme the request arrived over (`http` or `https`), used when no proxy header says. */
  scheme: string;
  /** Its `Host` (for a Fetch request without one, the host of its URL). */
  host: string | undefined;
  /** Path and query, starting with `/`. */
  target: string | undefined;
}

/**
 * The URL Twilio signed for `request`, for checking its `X-Twilio-Signature` (Twilio: "the full URL that you
 * specified in the Twilio console, including query string"):
 * 1. `publicUrl` when given (`source: 'publicWebhookUrl'`): what Twilio was configured with;
 * 2. else, with `trustProxy`, the URL rebuilt from `X-Forwarded-Proto` (else the request's own scheme),
 *    `X-Forwarded-Host` (else `Host`) and the request target (`'forwarded-headers'`), only when those values
 *    make a plain `http(s)://host[:port]/path` URL (no credentials, nothing that moves the host);
 * 3. else `listenOrigin` followed by the request target (`'listen-address'`).
 *
 * `undefined` when none applies (no public URL, no usable forwarded headers, no listen origin, or a target
 * that is not origin-relative): refuse the request. Never throws on request input.
 */
export function resolveSignedUrl(
  request: NodeRequestLike | FetchRequestLike,
  options: ResolveSignedUrlOptions,
): SignedUrl | undefined {
  if (typeof options.publicUrl === 'string' && options.publicUrl !== '') {
    return { url: options.publicUrl, source: 'publicWebhookUrl' };
  }
  const facts = factsOf(request);
  if (options.trustProxy === true) {
    const url = forwardedRequestUrl({
      forwardedProto: facts.header('x-forwarded-proto'),
      forwardedHost: facts.header('x-forwarded-host'),
      scheme: facts.scheme,
      host: facts.host,
      pathAndQuery: facts.target,
    });
    if (url !== undefined) return { url, source: 'forwarded-headers' };
  }
  if (options.listenOrigin === undefined || !isOriginRelativeTarget(facts.target)) return undefined;
  return { url: `${options.listenOrigin}${facts.target}`, source: 'listen-address' };
}

function factsOf(request: NodeRequestLike | FetchRequestLike): RequestFacts {
  return isFetchRequest(request) ? fetchFacts(request) : nodeFacts(request);
}

function isFetchRequest(request: NodeRequestLike | FetchRequestLike): request is FetchRequestLike {
  return typeof (request.headers as { get?: unknown }).get === 'function';
}

function nodeFacts(request: NodeRequestLike): RequestFacts {
  return {
    header: (name) => headerValue(request.headers[name]),
    scheme: isEncrypted(request.socket) ? 'https' : 'http',
    host: headerValue(request.headers.host),
    target: typeof request.url === 'string' ? request.url : undefined,
  };
}

/** In a Fetch request the target is in its absolute `url`, already normalised by the runtime. */
function fetchFacts(request: FetchRequestLike): RequestFacts {
  let parsed: URL | undefined;
  try {
    parsed = new URL(request.url);
  } catch {
    parsed = undefined;
  }
  return {
    header: (name) => request.headers.get(name) ?? undefined,
    scheme: parsed?.protocol.slice(0, -1) ?? '',
    host: request.headers.get('host') ?? parsed?.host,
    target: parsed === undefined ? undefined : parsed.pathname + parsed.search,
  };
}

/** Node joins repeated headers with ", " except a few; do the same for frameworks that do not. */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function isEncrypted(socket: object | null | undefined): boolean {
  return typeof socket === 'object' && socket !== null && 'encrypted' in socket && socket.encrypted === true;
}
