/**
 * @module @sms-channel/phone-policy
 * Who may talk to the assistant by SMS: E.164 phone numbers, `sms:` targets, sender access policies,
 * pairing codes and Twilio's STOP/START/HELP keywords. Channel-agnostic: any channel keyed by phone numbers
 * can use it. The `PairingStore` contract suite lives in the `@sms-channel/phone-policy/testing` subpath.
 */
export {
  createPairing,
  type Pairing,
  type PairingApproval,
  type PairingOptions,
  type PairingRequestResult,
} from './create-pairing.js';
export {
  type AccessAction,
  type AccessDecision,
  type AccessReason,
  type DecideAccessInput,
  decideAccess,
} from './decide-access.js';
export {
  type DescribePhoneNumberOptions,
  describePhoneNumber,
  type PhoneNumberDescription,
  type PhoneNumberProblem,
  type PhoneNumberType,
} from './describe-phone-number.js';
export { DEFAULT_DM_POLICY, DM_POLICIES, type DmPolicy, isDmPolicy } from './dm-policy.js';
export {
  type AllowFromEntryIssue,
  InvalidAllowFromError,
  InvalidPhoneNumberError,
  type InvalidPhoneNumberReason,
  InvalidTargetError,
  isInvalidAllowFromError,
  isInvalidPhoneNumberError,
  isInvalidTargetError,
  isPairingCodeCollisionError,
  isPairingCodeExpiredError,
  isPairingCodeUnknownError,
  isPairingError,
  isPhonePolicyError,
  PairingCodeCollisionError,
  PairingCodeExpiredError,
  PairingCodeUnknownError,
  PairingError,
  PhonePolicyError,
} from './errors.js';
export { isE164 } from './is-e164.js';
export { createMemoryPairingStore } from './memory-pairing-store.js';
export {
  ALLOW_ANY_SENDER,
  type NormalizeAllowFromOptions,
  normalizeAllowFrom,
} from './normalize-allow-from.js';
export { type NormalizeE164Options, normalizeE164 } from './normalize-e164.js';
export {
  type ClassifyOptOutKeywordOptions,
  classifyOptOutKeyword,
  type OptOutKeyword,
  TWILIO_DEFAULT_KEYWORDS,
} from './opt-out-keyword.js';
export {
  canonicalPairingCode,
  PAIRING_CODE_ALPHABET,
  PAIRING_CODE_LENGTH,
  type RandomInt,
} from './pairing-code.js';
export type {
  GetOrCreatePendingOptions,
  GetOrCreatePendingResult,
  PairingStore,
  PendingPairing,
} from './pairing-store.js';
export {
  type ParseSmsTargetOptions,
  parseSmsTarget,
  type SmsTarget,
  type SmsTargetPrefix,
} from './parse-sms-target.js';
export {
  type AccessConfig,
  type AccessConfigInput,
  type AccessConfigIssue,
  type AccessConfigResult,
  type ValidateAccessConfigOptions,
  validateAccessConfig,
} from './validate-access-config.js';
