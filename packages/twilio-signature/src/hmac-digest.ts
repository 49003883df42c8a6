import * as nodeCrypto from 'node:crypto';
import type { HashSpec } from './signature-algorithm.js';

/** HMAC of one UTF-8 message under a fixed key, as raw digest bytes. */
export type HmacDigest = (message: string) => Buffer;

// 'binary' is Node's documented name for latin1: one char per byte, so the digest survives as a string.
type OneShotHash = (algorithm: string, data: string | Uint8Array, outputEncoding: 'binary') => string;

// `crypto.hash` (Node >= 20.12) hashes a string in one native call; looked up by property so the
// package still loads where it is missing (the fallback below is used there).
const oneShotHash = (nodeCrypto as unknown as { hash?: OneShotHash }).hash;

/** Both SHA-1 and SHA-256 work on 64-byte blocks, the HMAC key size (RFC 2104). */
const BLOCK_BYTES = 64;

/**
 * HMAC (RFC 2104) keyed once per check and applied to each candidate URL.
 *
 * Why not always `createHmac`: building an Hmac object costs more than hashing the whole webhook
 * (OpenSSL 3 context set-up), and it was most of the time a verification took. For a key of at
 * most 64 ASCII characters, as Twilio Auth Tokens are (32 hex digits), `key XOR ipad` and
 * `key XOR opad` are ASCII too, so the inner hash input `(key XOR ipad) || message` is exactly
 * the UTF-8 encoding of one string and can go to `crypto.hash` in a single call, then the outer
 * hash over the 64 + digest bytes. Any other key, or a runtime without `crypto.hash`, uses
 * `createHmac`; the tests check both paths against `createHmac`.
 */
export function createHmacDigest(spec: HashSpec, key: string): HmacDigest {
  const pads = oneShotHash === undefined ? undefined : asciiKeyPads(key);
  if (oneShotHash === undefined || pads === undefined) return hmacByObject(spec, key);
  const hash = oneShotHash;
  const { hashName, digestBytes } = spec;
  const [innerPad, outerPad] = pads;
  return (message) => {
    const inner = hash(hashName, innerPad + message, 'binary');
    const outerInput = Buffer.allocUnsafe(BLOCK_BYTES + digestBytes);
    outerInput.write(outerPad + inner, 0, BLOCK_BYTES + digestBytes, 'latin1');
    return Buffer.from(hash(hashName, outerInput, 'binary'), 'latin1');
  };
}

/** `createHmac`, for keys the one-shot path does not take. */
export function hmacByObject(spec: HashSpec, key: string): HmacDigest {
  return (message) => nodeCrypto.createHmac(spec.hashName, key).update(message).digest();
}

const INNER_PAD_CHARS = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code ^ 0x36));
const OUTER_PAD_CHARS = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code ^ 0x5c));
const INNER_PAD_FILL = String.fromCharCode(0x36).repeat(BLOCK_BYTES);
const OUTER_PAD_FILL = String.fromCharCode(0x5c).repeat(BLOCK_BYTES);

/**
 * The key, zero-padded to a block, XORed with ipad (0x36) and opad (0x5c), as strings of ASCII
 * characters; undefined unless the key is at most 64 ASCII characters (one byte each).
 */
function asciiKeyPads(key: string): [string, string] | undefined {
  if (key.length > BLOCK_BYTES) return undefined;
  let inner = '';
  let outer = '';
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code > 0x7f) return undefined;
    inner += INNER_PAD_CHARS[code] ?? '';
    outer += OUTER_PAD_CHARS[code] ?? '';
  }
  return [inner + INNER_PAD_FILL.slice(key.length), outer + OUTER_PAD_FILL.slice(key.length)];
}
