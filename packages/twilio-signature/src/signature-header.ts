/**
 * Decodes an `X-Twilio-Signature` value to digest bytes, or undefined unless it is exactly the
 * canonical base64 of a digest of `digestBytes` bytes.
 *
 * Decoding the header once lets each candidate URL be compared as raw bytes with no base64 work.
 * It accepts exactly the headers a string comparison against `base64(digest)` would accept
 * (base64 is one-to-one), which is what Twilio's SDK does: the standard alphabet only, the right
 * length and padding, and zero bits where the last character has more bits than the digest.
 *
 * Hand-written rather than `Buffer.from(header, 'base64')` plus a pattern test: that decoder is
 * lenient (URL-safe alphabet, missing padding, stray characters), so it needed both, and together
 * they cost about a fifth of a whole verification; this loop over ~28 characters costs almost
 * nothing. The header is not secret, so the early returns leak nothing.
 */
export function decodeSignatureHeader(header: string, digestBytes: number): Buffer | undefined {
  if (header.length !== Math.ceil(digestBytes / 3) * 4) return undefined;
  const bytes = Buffer.allocUnsafe(digestBytes);
  const wholeGroups = Math.floor(digestBytes / 3);
  let invalid = 0; // negative once any character is outside the alphabet or misplaced
  for (let group = 0; group < wholeGroups; group++) {
    const at = group * 4;
    const a = sextetAt(header, at);
    const b = sextetAt(header, at + 1);
    const c = sextetAt(header, at + 2);
    const d = sextetAt(header, at + 3);
    invalid |= a | b | c | d;
    bytes[group * 3] = (a << 2) | (b >> 4);
    bytes[group * 3 + 1] = ((b & 0x0f) << 4) | (c >> 2);
    bytes[group * 3 + 2] = ((c & 0x03) << 6) | d;
  }
  const at = wholeGroups * 4;
  const out = wholeGroups * 3;
  switch (digestBytes % 3) {
    case 1: {
      // One byte left: 2 characters (the second with 4 zero bits), then `==`.
      const a = sextetAt(header, at);
      const b = sextetAt(header, at + 1);
      invalid |= a | b | zeroOrNegative(b & 0x0f) | padding(header, at + 2) | padding(header, at + 3);
      bytes[out] = (a << 2) | (b >> 4);
      break;
    }
    case 2: {
      // Two bytes left: 3 characters (the third with 2 zero bits), then `=`.
      const a = sextetAt(header, at);
      const b = sextetAt(header, at + 1);
      const c = sextetAt(header, at + 2);
      invalid |= a | b | c | zeroOrNegative(c & 0x03) | padding(header, at + 3);
      bytes[out] = (a << 2) | (b >> 4);
      bytes[out + 1] = ((b & 0x0f) << 4) | (c >> 2);
      break;
    }
  }
  return invalid < 0 ? undefined : bytes;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Each ASCII code's 6-bit value in the standard base64 alphabet, -1 for any other character. */
const SEXTETS = new Int8Array(128).fill(-1);
for (let value = 0; value < ALPHABET.length; value++) SEXTETS[ALPHABET.charCodeAt(value)] = value;

/** The 6-bit value of the character at `index`, or -1 when it is not in the alphabet. */
function sextetAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? (SEXTETS[code] ?? -1) : -1;
}

function padding(text: string, index: number): number {
  return text.charCodeAt(index) === 0x3d ? 0 : -1;
}

function zeroOrNegative(bits: number): number {
  return bits === 0 ? 0 : -1;
}
