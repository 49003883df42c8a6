import * as nodeCrypto from 'node:crypto';
import type { HashSpec } from './signature-algorithm.js';

/** HMAC under one fixed key, applied to UTF-8 messages. */
export interface HmacDigest {
  /** The HMAC of `message`, as a new Buffer. */
  digest(message: string): Buffer;
  /**
   * Whether the HMAC of `message` equals `expected` (a digest-sized Buffer), compared with
   * `timingSafeEqual`. Allocates no Buffer: the hot path of a verification.
   */
  matches(message: string, expected: Uint8Array): boolean;
}

/**
 * A one-shot hash: the digest of `data` (a string is hashed as UTF-8) as a latin1 string, one
 * character per byte (`'binary'` is Node's name for latin1). `crypto.hash` (Node >= 20.12) is
 * one native call, and a string its cheapest output: a `'buffer'` output costs more than hashing
 * a short input.
 */
export type OneShotHash = (hashName: string, data: string | Uint8Array) => string;

/** `createHash`, for runtimes without `crypto.hash` (the tests run the HMAC on both). */
export const hashByObject: OneShotHash = (hashName, data) =>
  nodeCrypto.createHash(hashName).update(data).digest('binary');

// Looked up by property, so the package still loads where `crypto.hash` is missing.
const nativeHash: typeof nodeCrypto.hash | undefined = (nodeCrypto as Partial<typeof nodeCrypto>).hash;
const defaultHash: OneShotHash =
  nativeHash === undefined ? hashByObject : (hashName, data) => nativeHash(hashName, data, 'binary');

/** Both SHA-1 and SHA-256 work on 64-byte blocks, the HMAC key size (RFC 2104). */
const BLOCK_BYTES = 64;
const INNER_PAD = 0x36;
const OUTER_PAD = 0x5c;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit, so this bounds a message's size. */
const MAX_UTF8_PER_UNIT = 3;
/** First size of the message buffer: a 20-field SMS webhook signs ~0.6 KB. */
const INITIAL_MESSAGE_BYTES = 2048;

/**
 * HMAC (RFC 2104) keyed once and applied to many messages:
 * `H((K XOR opad) || H((K XOR ipad) || message))`, computed with two one-shot native hashes.
 *
 * Why not `createHmac`: building an Hmac object (OpenSSL context set-up) costs more than hashing
 * a whole webhook, and was most of what a verification cost. Here the padded key blocks are made
 * once per key; each message is written as UTF-8 right after the inner block in one reusable
 * buffer, and the inner digest right after the outer block, each hashed in one call. So a check
 * allocates no Buffer and encodes no string twice.
 *
 * Any key works: one longer than a block is first replaced by its hash, as RFC 2104 says. The
 * tests check every path against `createHmac`.
 */
export function createHmacDigest(spec: HashSpec, key: string, hash: OneShotHash = defaultHash): HmacDigest {
  const { hashName, digestBytes } = spec;
  const keyBytes = keyBytesOf(hashName, key, hash);
  // K zero-padded to a block, XOR ipad / opad: past the key's end, the pad byte itself.
  const innerPad = new Uint8Array(BLOCK_BYTES).fill(INNER_PAD);
  // Unzeroed (pooled) memory is fine: every byte is written before it is hashed or compared.
  const outer = Buffer.allocUnsafe(BLOCK_BYTES + digestBytes).fill(OUTER_PAD, 0, BLOCK_BYTES);
  const actual = Buffer.allocUnsafe(digestBytes);
  for (let i = 0; i < keyBytes.length; i++) {
    const byte = keyBytes[i] ?? 0;
    innerPad[i] = byte ^ INNER_PAD;
    outer[i] = byte ^ OUTER_PAD;
  }

  /** The HMAC of `message` as a latin1 string of digest bytes. */
  function hmac(message: string): string {
    const inner = messageBuffer(BLOCK_BYTES + message.length * MAX_UTF8_PER_UNIT);
    inner.set(innerPad);
    const end = BLOCK_BYTES + inner.write(message, BLOCK_BYTES, 'utf8');
    copyBytes(hash(hashName, inner.subarray(0, end)), outer, BLOCK_BYTES);
    return hash(hashName, outer);
  }

  return {
    digest: (message) => Buffer.from(hmac(message), 'latin1'),
    matches: (message, expected) => {
      copyBytes(hmac(message), actual, 0);
      return expected.length === digestBytes && nodeCrypto.timingSafeEqual(actual, expected);
    },
  };
}

/**
 * Copies a latin1 digest string into `target` at `offset`. A loop over 20-32 characters: cheaper
 * here than `Buffer#write`, a native call, measured in a verification.
 */
function copyBytes(latin1: string, target: Uint8Array, offset: number): void {
  for (let i = 0; i < latin1.length; i++) target[offset + i] = latin1.charCodeAt(i);
}

/**
 * One buffer for the inner hash input of every digest, grown when a message may not fit. Sharing
 * it is safe because it is filled and hashed in one synchronous step (no other code runs between),
 * and it saves a one-shot check (`verifySignature`) a 2 KB allocation.
 */
let sharedMessage = Buffer.allocUnsafe(BLOCK_BYTES + INITIAL_MESSAGE_BYTES);

function messageBuffer(atLeast: number): Buffer {
  if (atLeast > sharedMessage.length) {
    sharedMessage = Buffer.allocUnsafe(Math.max(atLeast, sharedMessage.length * 2));
  }
  return sharedMessage;
}

/** The key's bytes: UTF-8, or their hash when longer than a block (RFC 2104). */
function keyBytesOf(hashName: string, key: string, hash: OneShotHash): Uint8Array {
  const bytes = Buffer.from(key, 'utf8');
  return bytes.length > BLOCK_BYTES ? Buffer.from(hash(hashName, bytes), 'latin1') : bytes;
}
