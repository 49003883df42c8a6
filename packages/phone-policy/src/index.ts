/**
 * @module @sms-channel/phone-policy
 * Who may talk to the assistant by SMS: E.164 phone numbers, `sms:` targets, sender access policies and
 * pairing codes. Channel-agnostic: any channel keyed by phone numbers can use it. The `PairingStore`
 * contract suite lives in the `@sms-channel/phone-policy/testing` subpath.
 */
export {
  type AllowFromEntryIssue,
  InvalidAllowFromError,
  InvalidPhoneNumberError,
  type InvalidPhoneNumberReason,
  InvalidTargetError,
  PairingCodeCollisionError,
  PairingCodeExpiredError,
  PairingCodeUnknownError,
  PairingError,
  PhonePolicyError,
} from './errors.js';
export { isE164 } from './is-e164.js';
export { createMemoryPairingStore } from './memory-pairing-store.js';
export { type NormalizeE164Options, normalizeE164 } from './normalize-e164.js';
export type {
  GetOrCreatePendingOptions,
  GetOrCreatePendingResult,
  PairingStore,
  PendingPairing,
} from './pairing-store.js';
