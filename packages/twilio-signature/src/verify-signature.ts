import { InvalidSignatureError } from './errors.js';
import { checkSignature, type VerifySignatureOptions } from './signature-check.js';

/**
 * Whether a Twilio webhook signature is valid: {@link checkSignature} without the reason.
 * Never throws on request input; garbage is `false`.
 */
export function verifySignature(options: VerifySignatureOptions): boolean {
  return checkSignature(options).ok;
}

/**
 * Like {@link verifySignature}, for code that prefers exceptions.
 * @throws {InvalidSignatureError} carrying the failure `reason` when the request is refused.
 */
export function assertSignature(options: VerifySignatureOptions): void {
  const result = checkSignature(options);
  if (!result.ok) throw new InvalidSignatureError(result.reason);
}
