import { assertAuthToken } from './compute-signature.js';
import { createHmacDigest } from './hmac-digest.js';
import { requireHashSpec } from './signature-algorithm.js';
import {
  checkSignedRequest,
  type SignatureCheck,
  type SignatureKeyOptions,
  type SignedRequest,
} from './signature-check.js';

/** Checks requests signed with one Auth Token; see {@link createSignatureVerifier}. */
export interface SignatureVerifier {
  /** `checkSignature` for this verifier's token: `{ ok: true }` or the reason for refusal. Never throws. */
  check(request: SignedRequest): SignatureCheck;
}

/**
 * The way servers check webhooks: a verifier bound to one Auth Token, made at start-up. The token
 * is validated and the HMAC keyed once, here, instead of on every request. Results are never
 * cached; every request is fully checked. (For a one-off check, `checkSignature`.)
 *
 * @throws {InvalidOptionsError} when `authToken` is empty or `algorithm` is unsupported, so a
 * misconfiguration fails at start-up rather than on the first webhook.
 */
export function createSignatureVerifier(options: SignatureKeyOptions): SignatureVerifier {
  assertAuthToken(options.authToken);
  const spec = requireHashSpec(options.algorithm);
  const digest = createHmacDigest(spec, options.authToken);
  return { check: (request) => checkSignedRequest(spec, digest, request) };
}
