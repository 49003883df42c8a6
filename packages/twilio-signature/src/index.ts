/**
 * @module @sms-channel/twilio-signature
 * Verify `X-Twilio-Signature` on Twilio webhooks (form and JSON bodies), accepting the URL variants Twilio's
 * own SDK accepts. Servers make one verifier per Auth Token (`createSignatureVerifier`) and find the URL Twilio
 * signed with `resolveSignedUrl`; one-off checks use `checkSignature`. Imports nothing but `node:crypto` at
 * run time.
 */
export { computeBodyHash, computeSignature } from './compute-signature.js';
export {
  InvalidOptionsError,
  isInvalidOptionsError,
  isTwilioSignatureError,
  TwilioSignatureError,
} from './errors.js';
export { type FormParams, parseFormBody } from './form-body.js';
export type { SignatureAlgorithm } from './signature-algorithm.js';
export {
  type CheckSignatureOptions,
  checkSignature,
  type SignatureCheck,
  type SignatureFailureReason,
  type SignatureKeyOptions,
  type SignedRequest,
} from './signature-check.js';
export { createSignatureVerifier, type SignatureVerifier } from './signature-verifier.js';
export {
  type FetchRequestLike,
  type NodeRequestLike,
  type ResolveSignedUrlOptions,
  resolveSignedUrl,
  type SignedUrl,
  type SignedUrlSource,
} from './signed-url.js';
