import * as nodeCrypto from 'node:crypto';
import type { HashSpec } from './signature-algorithm.js';

/** HMAC under one fixed key, applied to UTF-8 messages. */
export interface HmacDigest {
  /** The HMAC of `message`, as a new Buffer. */
  digest(message: string): Buffer;
  /**
   * Whether the HMAC of `prefix + suffix` equals `expected` (a digest-sized Buffer), trying
   * `prefix` and then, only if it fails, each prefix `others()` yields, up to the first match.
   * Each comparison is `timingSafeEqual`. The suffix is encoded once however many prefixes are
   * tried (each is written just in front of it), and no Buffer is allocated: this is the hot path
   * of a verification, where the prefixes are URL variants and the suffix the signed parameters.
   */
  matchesAny(prefix: string, suffix: string, expected: Uint8Array, others: () => Iterable<string>): boolean;
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
 * once per key; each message is written as UTF-8 right after a copy of the inner block in one
 * reusable buffer, and the inner digest right after the outer block, each hashed in one call. So
 * a check allocates no Buffer, and the signed parameters are encoded once even when several URL
 * variants are tried.
 *
 * Any key works: one longer than a block is first replaced by its hash, as RFC 2104 says. The
 * tests check every path against `createHmac`.
 */
export function createHmacDigest(spec: HashSpec, key: string, hash: OneShotHash = defaultHash): HmacDigest {
  const { hashName, digestBytes } = spec;
  // K XOR ipad and K XOR opad, K zero-padded to a block (past the key, the pad byte itself). An
  // ASCII key (an Auth Token is 32 hex digits) is its own UTF-8, read straight from the string.
  // The pads are small typed arrays, which live in V8's heap, not in an ArrayBuffer slab that
  // other Buffers expose through `.buffer`; making them allocates no Buffer, which matters to a
  // one-shot check (`checkSignature`), keyed on every call.
  const keyBytes = isShortAscii(key) ? key : keyBytesOf(hashName, key, hash);
  const innerPad = new Uint8Array(BLOCK_BYTES).fill(INNER_PAD);
  const outerPad = new Uint8Array(BLOCK_BYTES).fill(OUTER_PAD);
  for (let i = 0; i < keyBytes.length; i++) {
    const byte = typeof keyBytes === 'string' ? keyBytes.charCodeAt(i) : (keyBytes[i] ?? 0);
    innerPad[i] = byte ^ INNER_PAD;
    outerPad[i] = byte ^ OUTER_PAD;
  }
  const { outer, actual } = scratchFor(digestBytes);

  /** The HMAC of the message after the inner block at `start`, up to `end`, as latin1 digest bytes. */
  function hmacAt(buffer: Buffer, start: number, end: number): string {
    buffer.set(innerPad, start);
    outer.set(outerPad);
    copyBytes(hash(hashName, buffer.subarray(start, end)), outer, BLOCK_BYTES);
    return hash(hashName, outer);
  }

  function equalsExpected(hmac: string, expected: Uint8Array): boolean {
    copyBytes(hmac, actual, 0);
    return expected.length === digestBytes && nodeCrypto.timingSafeEqual(actual, expected);
  }

  return {
    digest(message) {
      const buffer = messageBuffer(BLOCK_BYTES + message.length * MAX_UTF8_PER_UNIT);
      const end = BLOCK_BYTES + buffer.write(message, BLOCK_BYTES, 'utf8');
      return Buffer.from(hmacAt(buffer, 0, end), 'latin1');
    },
    matchesAny(prefix, suffix, expected, others) {
      // The shared buffer holds [inner key block][prefix][suffix], the first prefix and the
      // suffix written in one call; later prefixes go in front of the suffix (see below).
      const buffer = messageBuffer(BLOCK_BYTES + (prefix.length + suffix.length) * MAX_UTF8_PER_UNIT);
      const end = BLOCK_BYTES + buffer.write(prefix + suffix, BLOCK_BYTES, 'utf8');
      if (equalsExpected(hmacAt(buffer, 0, end), expected)) return true;
      return matchesOthers(BLOCK_BYTES + Buffer.byteLength(prefix, 'utf8'), end, expected, others());
    },
  };

  /**
   * The prefixes after the first, the suffix's bytes being at `[suffixAt, suffixEnd)` in the
   * shared buffer. Each prefix is written right before the suffix, after a fresh inner key block;
   * when one does not fit, the suffix moves right (with room to spare for the next ones).
   */
  function matchesOthers(
    suffixAt: number,
    suffixEnd: number,
    expected: Uint8Array,
    prefixes: Iterable<string>,
  ): boolean {
    let at = suffixAt;
    let end = suffixEnd;
    for (const prefix of prefixes) {
      const prefixBytes = Buffer.byteLength(prefix, 'utf8');
      if (BLOCK_BYTES + prefixBytes > at) {
        const movedTo = BLOCK_BYTES + prefixBytes + PREFIX_ROOM;
        moveSuffix(at, end, movedTo);
        end += movedTo - at;
        at = movedTo;
      }
      const start = at - prefixBytes - BLOCK_BYTES;
      sharedMessage.write(prefix, start + BLOCK_BYTES, 'utf8');
      if (equalsExpected(hmacAt(sharedMessage, start, end), expected)) return true;
    }
    return false;
  }
}

/**
 * Copies a latin1 digest string into `target` at `offset`. A loop over 20-32 characters: cheaper
 * here than `Buffer#write`, a native call, measured in a verification.
 */
function copyBytes(latin1: string, target: Uint8Array, offset: number): void {
  for (let i = 0; i < latin1.length; i++) target[offset + i] = latin1.charCodeAt(i);
}

/**
 * The buffers the hashes read, shared by every digest: they are filled and hashed within one
 * synchronous call, and nothing that call runs in between (the URL variants) hashes. Sharing
 * them saves a one-shot check its allocations. Made with `Buffer.alloc`, not from Node's Buffer
 * pool, because they hold key-derived bytes: an unpooled Buffer has an ArrayBuffer of its own.
 */
let sharedMessage = Buffer.alloc(BLOCK_BYTES + INITIAL_MESSAGE_BYTES);

/** The message buffer, grown (its content dropped) when `atLeast` bytes may not fit. */
function messageBuffer(atLeast: number): Buffer {
  if (atLeast > sharedMessage.length) {
    sharedMessage = Buffer.alloc(Math.max(atLeast, sharedMessage.length * 2));
  }
  return sharedMessage;
}

interface DigestScratch {
  /** The outer hash input: the outer key block, then the inner digest. */
  outer: Buffer;
  /** Our digest, compared with the header's. */
  actual: Buffer;
}

const scratchBySize = new Map<number, DigestScratch>();

/** The outer-hash and comparison buffers for a digest size (one pair per hash in use). */
function scratchFor(digestBytes: number): DigestScratch {
  let scratch = scratchBySize.get(digestBytes);
  if (scratch === undefined) {
    scratch = { outer: Buffer.alloc(BLOCK_BYTES + digestBytes), actual: Buffer.alloc(digestBytes) };
    scratchBySize.set(digestBytes, scratch);
  }
  return scratch;
}

/** Extra room left in front of a moved suffix, so a slightly longer next prefix needs no move. */
const PREFIX_ROOM = 64;

/** Moves the bytes `[from, end)` of the shared buffer to start at `to` (> from), growing it if needed. */
function moveSuffix(from: number, end: number, to: number): void {
  const needed = to + (end - from);
  if (needed > sharedMessage.length) {
    const larger = Buffer.alloc(Math.max(needed, sharedMessage.length * 2));
    sharedMessage.copy(larger, to, from, end);
    sharedMessage = larger;
  } else {
    sharedMessage.copyWithin(to, from, end);
  }
}

/** Whether the key is at most a block of ASCII characters, one byte each in UTF-8. */
function isShortAscii(key: string): boolean {
  if (key.length > BLOCK_BYTES) return false;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 0x7f) return false;
  return true;
}

const utf8 = new TextEncoder();

/** The key's bytes: UTF-8, or their hash when longer than a block (RFC 2104). Unpooled, as above. */
function keyBytesOf(hashName: string, key: string, hash: OneShotHash): Uint8Array | string {
  const bytes = utf8.encode(key);
  return bytes.length > BLOCK_BYTES ? hash(hashName, bytes) : bytes;
}
