import { type DmPolicy, isDmPolicy } from './dm-policy.js';
import { isE164 } from './is-e164.js';
import { ALLOW_ANY_SENDER } from './normalize-allow-from.js';

export interface DecideAccessInput {
  dmPolicy: DmPolicy;
  /** Normalised entries (see `normalizeAllowFrom`): E.164 numbers and possibly `"*"`. */
  allowFrom: readonly string[];
  /** Senders the owner approved through pairing. */
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

function listedReason(input: DecideAccessInput): AccessReason | undefined {
  if (input.allowFrom.includes(input.sender)) return 'allow-from';
  if (isApproved(input.approvedSenders, input.sender)) return 'approved';
  if (input.allowFrom.includes(ALLOW_ANY_SENDER)) return 'allow-from-wildcard';
  return undefined;
}

/**
 * Decides what to do with a message from `sender`. Pure and deterministic; fails closed: a disabled channel,
 * an unknown policy or a sender that is not an E.164 number (short codes, alphanumeric ids) is denied.
 */
export function decideAccess(input: DecideAccessInput): AccessDecision {
  const { dmPolicy } = input;
  if (!isDmPolicy(dmPolicy)) return { action: 'deny', reason: 'unknown-policy' };
  if (dmPolicy === 'disabled') return { action: 'deny', reason: 'policy-disabled' };
  if (!isE164(input.sender)) return { action: 'deny', reason: 'invalid-sender' };
  if (dmPolicy === 'open') return { action: 'allow', reason: 'policy-open' };
  const listed = listedReason(input);
  if (listed !== undefined) return { action: 'allow', reason: listed };
  return dmPolicy === 'pairing'
    ? { action: 'pair', reason: 'pairing-required' }
    : { action: 'deny', reason: 'not-allowed' };
}
