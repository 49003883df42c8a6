/**
 * @module @sms-channel/twilio-signature
 * Verify `X-Twilio-Signature` on Twilio webhooks (form and JSON bodies), accepting the URL
 * variants Twilio's own SDK accepts. Imports nothing but `node:crypto` at run time.
 */
export { computeBodyHash, computeSignature } from './compute-signature.js';
export { InvalidOptionsError, InvalidSignatureError, TwilioSignatureError } from './errors.js';
export { type FormParams, parseFormBody } from './form-body.js';
export type {
  RequestCheck,
  RequestKeyOptions,
  RequestUrlOptions,
  VerifyRequestOptions,
} from './request-check.js';
export type { SignatureAlgorithm } from './signature-algorithm.js';
export {
  checkSignature,
  type SignatureCheck,
  type SignatureFailureReason,
  type SignatureKeyOptions,
  type SignedRequest,
  type VerifySignatureOptions,
} from './signature-check.js';
export { createSignatureVerifier, type SignatureVerifier } from './signature-verifier.js';
export {
  type FetchRequestLike,
  type ResolveSignedUrlOptions,
  resolveSignedUrl,
  type SignedUrl,
  type SignedUrlSource,
} from './signed-url.js';
export { type VerifyFetchRequestOptions, verifyFetchRequest } from './verify-fetch-request.js';
export { type NodeRequestLike, verifyNodeRequest } from './verify-node-request.js';
export { assertSignature, verifySignature } from './verify-signature.js';
