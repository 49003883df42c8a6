/**
 * Decodes an `X-Twilio-Signature` value to digest bytes, or undefined unless it is exactly the
 * canonical base64 of a digest of `digestBytes` bytes.
 *
 * Decoding the header once lets each candidate URL be compared as raw bytes with no base64 work.
 * It accepts exactly the headers a string comparison against `base64(digest)` would accept,
 * because base64 is one-to-one: lenient `Buffer` decoding (URL-safe alphabet, missing padding,
 * stray characters) is undone by re-encoding and comparing. The header is not secret, so the
 * early returns leak nothing.
 */
export function decodeSignatureHeader(header: string, digestBytes: number): Buffer | undefined {
  if (header.length !== Math.ceil(digestBytes / 3) * 4) return undefined;
  const bytes = Buffer.from(header, 'base64');
  if (bytes.length !== digestBytes || bytes.toString('base64') !== header) return undefined;
  return bytes;
}
