/**
 * Each class carries a `Symbol.for(...)` marker and has an `is...Error(value)` guard that reads it. Recognise
 * errors with the guards rather than `instanceof`: the symbols are registry-wide, so an error thrown by
 * another copy of this package (the CJS build next to the ESM one, a copy bundled into a plugin) is still
 * recognised, while `instanceof` would fail.
 */
const MARKER = 'sms-channel.phone-policy.error';
const PHONE_POLICY_ERROR: unique symbol = Symbol.for(MARKER);
const INVALID_PHONE_NUMBER_ERROR: unique symbol = Symbol.for(`${MARKER}.InvalidPhoneNumberError`);
const INVALID_TARGET_ERROR: unique symbol = Symbol.for(`${MARKER}.InvalidTargetError`);
const INVALID_ALLOW_FROM_ERROR: unique symbol = Symbol.for(`${MARKER}.InvalidAllowFromError`);
const PAIRING_ERROR: unique symbol = Symbol.for(`${MARKER}.PairingError`);
const PAIRING_CODE_UNKNOWN_ERROR: unique symbol = Symbol.for(`${MARKER}.PairingCodeUnknownError`);
const PAIRING_CODE_EXPIRED_ERROR: unique symbol = Symbol.for(`${MARKER}.PairingCodeExpiredError`);
const PAIRING_CODE_COLLISION_ERROR: unique symbol = Symbol.for(`${MARKER}.PairingCodeCollisionError`);

function hasMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && Reflect.get(value, marker) === true;
}

/**
 * Every failure this package throws is a `PhonePolicyError`, so callers can catch the package's errors
 * as one family and still branch on the subclass (or on the stable `code`).
 */
export class PhonePolicyError extends Error {
  readonly [PHONE_POLICY_ERROR] = true;
  /** Stable, machine-readable identifier of the failure. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PhonePolicyError';
    this.code = code;
  }
}

/** Whether `value` is any error of this package, from whichever copy of it. */
export function isPhonePolicyError(value: unknown): value is PhonePolicyError {
  return hasMarker(value, PHONE_POLICY_ERROR);
}

/** Why a text is not a usable phone number. */
export type InvalidPhoneNumberReason =
  | 'empty'
  | 'contains-letters'
  | 'not-a-number'
  | 'too-short'
  | 'too-long'
  | 'invalid-length'
  | 'invalid-country-code'
  | 'needs-country'
  | 'unknown-default-country'
  | 'not-assigned';

const MAX_QUOTED_INPUT = 64;

/** Quotes untrusted input for an error message: escaped, and cut short so a huge input cannot flood logs. */
export function quoteInput(input: unknown): string {
  if (typeof input !== 'string') return `(${input === null ? 'null' : typeof input})`;
  const shown = input.length > MAX_QUOTED_INPUT ? `${input.slice(0, MAX_QUOTED_INPUT)}…` : input;
  return JSON.stringify(shown);
}

/** A text that is not a phone number we accept; `reason` says what is wrong with it. */
export class InvalidPhoneNumberError extends PhonePolicyError {
  readonly [INVALID_PHONE_NUMBER_ERROR] = true;
  readonly reason: InvalidPhoneNumberReason;
  /** The input as given (not truncated). */
  readonly input: unknown;

  constructor(input: unknown, reason: InvalidPhoneNumberReason, detail: string) {
    super('INVALID_PHONE_NUMBER', `Invalid phone number ${quoteInput(input)}: ${detail}`);
    this.name = 'InvalidPhoneNumberError';
    this.reason = reason;
    this.input = input;
  }
}

/** A message target that does not select this channel or does not carry a valid number. */
export class InvalidTargetError extends PhonePolicyError {
  readonly [INVALID_TARGET_ERROR] = true;
  readonly target: unknown;

  constructor(target: unknown, detail: string, options?: { cause?: unknown }) {
    super('INVALID_TARGET', `Invalid SMS target ${quoteInput(target)}: ${detail}`, options);
    this.name = 'InvalidTargetError';
    this.target = target;
  }
}

/** One rejected `allowFrom` entry. */
export interface AllowFromEntryIssue {
  index: number;
  entry: unknown;
  reason: InvalidPhoneNumberReason;
  message: string;
}

/** An `allowFrom` list with one or more invalid entries; `issues` lists every one of them. */
export class InvalidAllowFromError extends PhonePolicyError {
  readonly [INVALID_ALLOW_FROM_ERROR] = true;
  readonly issues: readonly AllowFromEntryIssue[];

  constructor(issues: readonly AllowFromEntryIssue[]) {
    const lines = issues.map((issue) => `allowFrom[${issue.index}]: ${issue.message}`);
    super('INVALID_ALLOW_FROM', `Invalid allowFrom (${issues.length} bad entries): ${lines.join('; ')}`);
    this.name = 'InvalidAllowFromError';
    this.issues = issues;
  }
}

/** Base of the pairing failures. */
export class PairingError extends PhonePolicyError {
  readonly [PAIRING_ERROR] = true;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'PairingError';
  }
}

/** The code is not (or no longer) a pending pairing code of that account. */
export class PairingCodeUnknownError extends PairingError {
  readonly [PAIRING_CODE_UNKNOWN_ERROR] = true;
  readonly accountId: string;
  readonly pairingCode: string;

  constructor(accountId: string, pairingCode: string) {
    super(
      'PAIRING_CODE_UNKNOWN',
      `Unknown pairing code ${quoteInput(pairingCode)} for account "${accountId}": no pending request has it`,
    );
    this.name = 'PairingCodeUnknownError';
    this.accountId = accountId;
    this.pairingCode = pairingCode;
  }
}

/** The code existed but its request expired; the sender must text again for a new one. */
export class PairingCodeExpiredError extends PairingError {
  readonly [PAIRING_CODE_EXPIRED_ERROR] = true;
  readonly accountId: string;
  readonly pairingCode: string;
  readonly expiredAt: number;

  constructor(accountId: string, pairingCode: string, expiredAt: number) {
    super(
      'PAIRING_CODE_EXPIRED',
      `Pairing code ${quoteInput(pairingCode)} for account "${accountId}" expired at ${new Date(expiredAt).toISOString()}; the sender must text again to get a new code`,
    );
    this.name = 'PairingCodeExpiredError';
    this.accountId = accountId;
    this.pairingCode = pairingCode;
    this.expiredAt = expiredAt;
  }
}

/** Could not draw a code that no other pending request of the account uses (a broken `random`). */
export class PairingCodeCollisionError extends PairingError {
  readonly [PAIRING_CODE_COLLISION_ERROR] = true;
  constructor(accountId: string, attempts: number) {
    super(
      'PAIRING_CODE_COLLISION',
      `Could not draw a free pairing code for account "${accountId}" in ${attempts} attempts; is the random source broken?`,
    );
    this.name = 'PairingCodeCollisionError';
  }
}

/** Whether `value` is an {@link InvalidPhoneNumberError}, from whichever copy of this package. */
export function isInvalidPhoneNumberError(value: unknown): value is InvalidPhoneNumberError {
  return hasMarker(value, INVALID_PHONE_NUMBER_ERROR);
}

/** Whether `value` is an {@link InvalidTargetError}, from whichever copy of this package. */
export function isInvalidTargetError(value: unknown): value is InvalidTargetError {
  return hasMarker(value, INVALID_TARGET_ERROR);
}

/** Whether `value` is an {@link InvalidAllowFromError}, from whichever copy of this package. */
export function isInvalidAllowFromError(value: unknown): value is InvalidAllowFromError {
  return hasMarker(value, INVALID_ALLOW_FROM_ERROR);
}

/** Whether `value` is a {@link PairingError} (any of its subclasses), from whichever copy of this package. */
export function isPairingError(value: unknown): value is PairingError {
  return hasMarker(value, PAIRING_ERROR);
}

/** Whether `value` is a {@link PairingCodeUnknownError}, from whichever copy of this package. */
export function isPairingCodeUnknownError(value: unknown): value is PairingCodeUnknownError {
  return hasMarker(value, PAIRING_CODE_UNKNOWN_ERROR);
}

/** Whether `value` is a {@link PairingCodeExpiredError}, from whichever copy of this package. */
export function isPairingCodeExpiredError(value: unknown): value is PairingCodeExpiredError {
  return hasMarker(value, PAIRING_CODE_EXPIRED_ERROR);
}

/** Whether `value` is a {@link PairingCodeCollisionError}, from whichever copy of this package. */
export function isPairingCodeCollisionError(value: unknown): value is PairingCodeCollisionError {
  return hasMarker(value, PAIRING_CODE_COLLISION_ERROR);
}
