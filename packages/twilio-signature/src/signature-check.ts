import { assertAuthToken } from './compute-signature.js';
import { type FormParams, parseUtf8FormBody } from './form-body.js';
import { createHmacDigest, type HmacDigest } from './hmac-digest.js';
import { bodyHashParamOf, bodyMatchesHash } from './json-body.js';
import { type HashSpec, hashSpecOf, type SignatureAlgorithm } from './signature-algorithm.js';
import { decodeSignatureHeader } from './signature-header.js';
import { signedPayloadOf } from './signed-payload.js';
import { signedUrlCandidates, withoutFragment } from './url-variants.js';

/** Why a request was refused; safe to log (it never contains the token or the signature). */
export type SignatureFailureReason =
  /** No `X-Twilio-Signature` header, or an empty one. */
  | 'missing-signature'
  /** The header is not the base64 of a digest of the expected size (e.g. truncated). */
  | 'malformed-signature'
  /** `algorithm` names an HMAC this package does not know. */
  | 'unsupported-algorithm'
  /** The URL is not a string, or a JSON webhook's URL cannot be parsed. */
  | 'invalid-url'
  /** `params` is not a record of strings or string arrays (untyped callers only). */
  | 'malformed-params'
  /** A raw form body that is not UTF-8, or a JSON webhook's body that is not a string or bytes. */
  | 'malformed-body'
  /** The URL carries `bodySHA256` but no raw body was given. */
  | 'missing-body'
  /** No URL variant signs to the header's value: forged, tampered, wrong token or wrong URL. */
  | 'signature-mismatch'
  /** The signature is right but the body is not the one Twilio hashed into `bodySHA256`. */
  | 'body-hash-mismatch';

/** The outcome of a signature check: a value, never an exception. */
export type SignatureCheck = { ok: true } | { ok: false; reason: SignatureFailureReason };

/** One received request, as the signature check sees it. */
export interface SignedRequest {
  /**
   * The exact public URL Twilio requested, query string included, as configured in Twilio
   * (scheme, host, optional port, path, query). A `#fragment` is ignored.
   */
  url: string;
  /** The `X-Twilio-Signature` header value; `undefined` when the header is absent. */
  signature: string | undefined;
  /**
   * The form parameters. When omitted, they are parsed from `rawBody` (form webhooks) or taken
   * as none (GET webhooks). Ignored for JSON webhooks, whose signature covers the URL alone.
   */
  params?: FormParams;
  /** The raw request body. Required for JSON webhooks (URL with `bodySHA256`). */
  rawBody?: string | Uint8Array;
}

/** The secret side of a check. */
export interface SignatureKeyOptions {
  /** Your Twilio Auth Token (the SharedKey secret when `algorithm` is `HMAC_SHA256`). */
  authToken: string;
  /**
   * The HMAC Twilio used, from the `X-Twilio-Webhooks-Signature-Settings` header if any.
   * @default 'HMAC_SHA1'
   */
  algorithm?: SignatureAlgorithm;
}

/** The options of {@link checkSignature}: the secret side and the request. */
export interface CheckSignatureOptions extends SignatureKeyOptions, SignedRequest {}

const MISMATCH: SignatureCheck = { ok: false, reason: 'signature-mismatch' };
const OK: SignatureCheck = { ok: true };

/**
 * Checks one Twilio webhook signature and says why it failed: for one-off checks (servers make a
 * verifier once with `createSignatureVerifier`). Accepts exactly what Twilio's Node SDK
 * (`validateRequest` / `validateRequestWithBody`) accepts, except that a URL `#fragment` is not
 * signed, as with Twilio itself.
 *
 * Never throws on request input (header, URL, params, body): garbage is a `{ ok: false }`.
 * @throws {InvalidOptionsError} only when `authToken` is not a non-empty string.
 */
export function checkSignature(options: CheckSignatureOptions): SignatureCheck {
  assertAuthToken(options.authToken);
  const spec = hashSpecOf(options.algorithm);
  if (spec === undefined) return { ok: false, reason: 'unsupported-algorithm' };
  return checkSignedRequest(spec, createHmacDigest(spec, options.authToken), options);
}

/** The check itself, with the HMAC already keyed (shared with `createSignatureVerifier`). */
export function checkSignedRequest(
  spec: HashSpec,
  digest: HmacDigest,
  request: SignedRequest,
): SignatureCheck {
  const { signature, params, rawBody } = request;
  if (typeof signature !== 'string' || signature.length === 0)
    return { ok: false, reason: 'missing-signature' };
  const expected = decodeSignatureHeader(signature, spec.digestBytes);
  if (expected === undefined) return { ok: false, reason: 'malformed-signature' };
  if (typeof request.url !== 'string') return { ok: false, reason: 'invalid-url' };
  const url = withoutFragment(request.url);

  const bodyHash = bodyHashParamOf(url);
  if (bodyHash === null) return { ok: false, reason: 'invalid-url' };
  if (bodyHash !== undefined) return checkJsonWebhook(digest, url, expected, rawBody, bodyHash);

  let fields: unknown = params;
  if (params === undefined && rawBody !== undefined) {
    fields = parseRawForm(rawBody);
    if (fields === null) return { ok: false, reason: 'malformed-body' };
  }
  const payload = signedPayloadOf(fields);
  if (payload === undefined) return { ok: false, reason: 'malformed-params' };
  return matchesAnyUrl(digest, url, payload, expected) ? OK : MISMATCH;
}

function checkJsonWebhook(
  digest: HmacDigest,
  url: string,
  expected: Buffer,
  rawBody: string | Uint8Array | undefined,
  bodyHash: string,
): SignatureCheck {
  if (!matchesAnyUrl(digest, url, '', expected)) return MISMATCH;
  if (rawBody === undefined) return { ok: false, reason: 'missing-body' };
  if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array)) {
    return { ok: false, reason: 'malformed-body' };
  }
  return bodyMatchesHash(rawBody, bodyHash) ? OK : { ok: false, reason: 'body-hash-mismatch' };
}

/** Form params from a raw body, or null when the bytes are not UTF-8 (or not a body at all). */
function parseRawForm(rawBody: unknown): FormParams | null {
  if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array)) return null;
  return parseUtf8FormBody(rawBody) ?? null;
}

/**
 * One HMAC per distinct candidate URL, stopping at the first match; the URL as given goes first
 * and alone, so the usual case builds no other variant. Which candidate matched is not secret
 * (the URL is public), so stopping early leaks nothing; each comparison is constant-time.
 */
function matchesAnyUrl(digest: HmacDigest, url: string, payload: string, expected: Buffer): boolean {
  return digest.matchesAny(url, payload, expected, () => otherCandidates(url));
}

/** {@link signedUrlCandidates} after the URL as given, without repeats. */
function* otherCandidates(url: string): Generator<string, void, undefined> {
  const tried: string[] = [url];
  for (const candidate of signedUrlCandidates(url)) {
    if (tried.includes(candidate)) continue;
    tried.push(candidate);
    yield candidate;
  }
}
