/**
 * Pairing state for the gateway: phone-policy's `PairingStore` (pending requests and approved senders),
 * plus a "code sent" marker. `getOrCreatePending` answers `existing` both when the code was texted and when
 * the process died between storing the request and texting it; the marker tells the two apart, so the code
 * is texted once, and again only if the first attempt never happened.
 */
import type { PairingStore } from '@sms-channel/phone-policy';

export interface GatewayPairingStore extends PairingStore {
  /**
   * Records that the code of the sender's pending request was texted to them. False (nothing recorded)
   * when the sender has no pending request with that code (it expired and was replaced, or was approved).
   */
  markCodeSent(accountId: string, sender: string, code: string): Promise<boolean>;
  /** When that code was texted to the sender (ms since the epoch), or `undefined` if it was not. */
  codeSentAt(accountId: string, sender: string, code: string): Promise<number | undefined>;
}
