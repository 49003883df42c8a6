import { checkRequestParts, type RequestCheck, type VerifyRequestOptions } from './request-check.js';

/** Options of {@link verifyFetchRequest}. */
export type VerifyFetchRequestOptions = VerifyRequestOptions & {
  /**
   * The body, if you already read it. When omitted, it is read from a clone of the request, so
   * the request itself stays readable.
   */
  rawBody?: string | Uint8Array;
};

/**
 * Verifies a Twilio webhook arriving as a Fetch API `Request` (Hono, Next.js route handlers,
 * Bun, Deno, undici). Form bodies are parsed and returned as `params`; JSON webhooks are checked
 * against their `bodySHA256`.
 *
 * In trusted-proxy mode the path and query come from `request.url`, which the runtime has
 * already normalised; the URL variants the check tries cover the usual differences.
 *
 * Never rejects on request input.
 * @throws {InvalidOptionsError} when neither a non-empty `authToken` nor a `verifier` is given, or
 * neither `url` nor `trustProxy`.
 */
export async function verifyFetchRequest(
  request: Request,
  options: VerifyFetchRequestOptions,
): Promise<RequestCheck> {
  const rawBody = options.rawBody ?? (await readBody(request));
  if (rawBody === undefined) return { ok: false, reason: 'missing-body' };
  let parsed: URL | undefined;
  try {
    parsed = new URL(request.url);
  } catch {
    parsed = undefined;
  }
  return checkRequestParts(
    {
      header: (name) => request.headers.get(name) ?? undefined,
      scheme: parsed?.protocol.slice(0, -1) ?? '',
      host: request.headers.get('host') ?? parsed?.host,
      pathAndQuery: parsed === undefined ? undefined : parsed.pathname + parsed.search,
    },
    rawBody,
    options,
  );
}

async function readBody(request: Request): Promise<Uint8Array | undefined> {
  if (request.body === null) return new Uint8Array(0);
  try {
    return new Uint8Array(await request.clone().arrayBuffer());
  } catch {
    return undefined;
  }
}
