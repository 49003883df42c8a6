import { InvalidOptionsError } from './errors.js';

/**
 * The HMAC Twilio signed with. Auth Token signatures are always `HMAC_SHA1`; webhooks signed with a
 * SharedKey name their algorithm in the `X-Twilio-Webhooks-Signature-Settings` header.
 */
export type SignatureAlgorithm = 'HMAC_SHA1' | 'HMAC_SHA256';

/** Node hash name and digest size of each supported algorithm. */
export interface HashSpec {
  hashName: 'sha1' | 'sha256';
  digestBytes: number;
}

const SHA1: HashSpec = { hashName: 'sha1', digestBytes: 20 };
const SHA256: HashSpec = { hashName: 'sha256', digestBytes: 32 };

/**
 * Maps an algorithm name to its hash, or undefined when unsupported. Like Twilio's SDK, a missing
 * name means HMAC_SHA1 and names are matched case-insensitively.
 */
export function hashSpecOf(algorithm: unknown): HashSpec | undefined {
  if (algorithm === undefined || algorithm === null || algorithm === '') return SHA1;
  if (typeof algorithm !== 'string') return undefined;
  const upper = algorithm.toUpperCase();
  if (upper === 'HMAC_SHA1') return SHA1;
  if (upper === 'HMAC_SHA256') return SHA256;
  return undefined;
}

/** {@link hashSpecOf} for the caller's own options: an unsupported name is a configuration mistake. */
export function requireHashSpec(algorithm: unknown): HashSpec {
  const spec = hashSpecOf(algorithm);
  if (spec === undefined) {
    throw new InvalidOptionsError('algorithm', `Unsupported signature algorithm: ${String(algorithm)}`);
  }
  return spec;
}
