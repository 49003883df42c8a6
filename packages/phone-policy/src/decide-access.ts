import { type DmPolicy, isDmPolicy } from './dm-policy.js';
import { isE164 } from './is-e164.js';
import { ALLOW_ANY_SENDER } from './normalize-allow-from.js';

export interface DecideAccessInput {
  dmPolicy: DmPolicy;
  /** Normalised entries (see `normalizeAllowFrom`): E.164 numbers and possibly `"*"`. */
  allowFrom: readonly string[];
  /**
   * Senders the owner approved through pairing. Consulted under `pairing` only: `allowlist` means
   * exactly the listed numbers, and pairing approvals do not widen `open` either (as OpenClaw's
   * own gate reads its pairing store for neither policy).
   */
  approvedSenders: ReadonlySet<string> | readonly string[];
  /** The sender, E.164 (Twilio's `From`). */
  sender: string;
}

export type AccessAction = 'allow' | 'pair' | 'deny';

export type AccessReason =
  | 'policy-open'
  | 'policy-disabled'
  | 'allow-from'
  | 'allow-from-wildcard'
  | 'approved'
  | 'pairing-required'
  | 'not-allowed'
  | 'invalid-sender'
  | 'unknown-policy';

export interface AccessDecision {
  action: AccessAction;
  reason: AccessReason;
}

function isApproved(approved: DecideAccessInput['approvedSenders'], sender: string): boolean {
  return approved instanceof Set ? approved.has(sender) : (approved as readonly string[]).includes(sender);
}

/** Why the sender is let in under `pairing` or `allowlist`, if it is; approvals count under `pairing` only. */
function listedReason(input: DecideAccessInput): AccessReason | undefined {
  if (input.allowFrom.includes(input.sender)) return 'allow-from';
  if (input.dmPolicy === 'pairing' && isApproved(input.approvedSenders, input.sender)) return 'approved';
  if (input.allowFrom.includes(ALLOW_ANY_SENDER)) return 'allow-from-wildcard';
  return undefined;
}

/**
 * `open` lets everybody in through the `"*"` that config validation demands of it; without that entry it
 * admits only the listed numbers, as OpenClaw does ("pairing-store approvals do not widen open access").
 */
function decideOpen(input: DecideAccessInput): AccessDecision {
  if (input.allowFrom.includes(ALLOW_ANY_SENDER)) return { action: 'allow', reason: 'policy-open' };
  if (input.allowFrom.includes(input.sender)) return { action: 'allow', reason: 'allow-from' };
  return { action: 'deny', reason: 'not-allowed' };
}

/**
 * Decides what to do with a message from `sender`. Pure and deterministic; fails closed: a disabled channel,
 * an unknown policy or a sender that is not an E.164 number (short codes, alphanumeric ids) is denied.
 * Pairing approvals (`approvedSenders`) are consulted under `pairing` only.
 */
export function decideAccess(input: DecideAccessInput): AccessDecision {
  const { dmPolicy } = input;
  if (!isDmPolicy(dmPolicy)) return { action: 'deny', reason: 'unknown-policy' };
  if (dmPolicy === 'disabled') return { action: 'deny', reason: 'policy-disabled' };
  if (!isE164(input.sender)) return { action: 'deny', reason: 'invalid-sender' };
  if (dmPolicy === 'open') return decideOpen(input);
  const listed = listedReason(input);
  if (listed !== undefined) return { action: 'allow', reason: listed };
  return dmPolicy === 'pairing'
    ? { action: 'pair', reason: 'pairing-required' }
    : { action: 'deny', reason: 'not-allowed' };
}
