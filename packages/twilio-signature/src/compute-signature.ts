import { createHash } from 'node:crypto';
import { InvalidOptionsError } from './errors.js';
import type { FormParams } from './form-body.js';
import { createHmacDigest } from './hmac-digest.js';
import { requireHashSpec, type SignatureAlgorithm } from './signature-algorithm.js';
import { signedPayloadOf } from './signed-payload.js';
import { withoutFragment } from './url-variants.js';

/**
 * The `X-Twilio-Signature` Twilio would send for a request to `url` with form `params`:
 * base64(HMAC-SHA1(authToken, url + each sorted key followed by its value(s))).
 *
 * For a JSON webhook, `url` carries `bodySHA256` (see {@link computeBodyHash}) and `params` is
 * omitted: the signature then covers the URL alone. A `#fragment` is not signed.
 *
 * @throws {InvalidOptionsError} when `authToken` is empty, `params` is not a record of strings or
 * string arrays, or `algorithm` is unsupported.
 */
export function computeSignature(
  authToken: string,
  url: string,
  params?: FormParams,
  algorithm: SignatureAlgorithm = 'HMAC_SHA1',
): string {
  assertAuthToken(authToken);
  const spec = requireHashSpec(algorithm);
  const payload = signedPayloadOf(params);
  if (payload === undefined) {
    throw new InvalidOptionsError('params', 'params must map each name to a string or an array of strings');
  }
  return createHmacDigest(spec, authToken)
    .digest(withoutFragment(String(url)) + payload)
    .toString('base64');
}

/**
 * Hex SHA-256 of a raw body: the value Twilio puts in the `bodySHA256` query parameter of a JSON
 * webhook's URL. A string is hashed as UTF-8.
 */
export function computeBodyHash(rawBody: string | Uint8Array): string {
  return createHash('sha256').update(rawBody).digest('hex');
}

/** @throws {InvalidOptionsError} unless `authToken` is a non-empty string. */
export function assertAuthToken(authToken: unknown): asserts authToken is string {
  if (typeof authToken !== 'string' || authToken.length === 0) {
    throw new InvalidOptionsError(
      'authToken',
      'authToken must be a non-empty string (your Twilio Auth Token)',
    );
  }
}
