import type { AccessDecision, DmPolicy } from '@sms-channel/phone-policy';

/** What became of an unknown sender's pairing request. */
export type PairingRequest =
  /** Approved meanwhile: let the message through. */
  | { kind: 'approved' }
  /** The sender's pending code (the same code while the request is pending): text it, once. */
  | { kind: 'code'; code: string; expiresAt: number }
  /** Too many senders wait for approval: tell this one (once per window) to try later. */
  | { kind: 'limit-reached'; retryAt: number | undefined };

/**
 * Who may talk to the assistant, and pairing. A seam: the standalone gateway keeps pairing in its own store
 * (`createStoreSenderAccess`); the OpenClaw plugin implements it with the host's pairing store, so
 * `openclaw pairing list/approve sms` see the same requests. Texting the code, once per pending request, is the
 * runtime's job (the outbound log remembers it), whichever implementation made the code.
 */
export interface SenderAccess {
  decide(
    accountId: string,
    sender: string,
    policy: { dmPolicy: DmPolicy; allowFrom: readonly string[] },
  ): Promise<AccessDecision>;
  requestPairing(accountId: string, sender: string): Promise<PairingRequest>;
  /** The command the owner runs to approve a code, named in the pairing SMS (`sms-channel pairing approve sms`). */
  readonly approveCommand: string;
  /** How long a pairing request lasts (also the window of one "too many requests" notice). */
  readonly pairingTtlMs: number;
}
