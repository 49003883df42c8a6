/**
 * Senders who opted out. Twilio itself blocks messages to a number that texted STOP (to a long code, or
 * through a Messaging Service with default opt-out handling) until it texts START; the gateway keeps its own
 * record so it neither runs assistant turns for nor sends pairing codes to such senders. Opt-outs are
 * consent records: retention never prunes them.
 */

/** One opted-out sender. */
export interface OptOut {
  sender: string;
  /** When they opted out, ms since the epoch. */
  since: number;
}

/** The opt-out set of each account. */
export interface OptOutRegistry {
  /** Records that the sender texted STOP; `changed` is false if they were already opted out. */
  recordOptOut(accountId: string, sender: string): Promise<{ changed: boolean }>;
  /** Records that the sender texted START; `changed` is false if they were not opted out. */
  clearOptOut(accountId: string, sender: string): Promise<{ changed: boolean }>;
  isOptedOut(accountId: string, sender: string): Promise<boolean>;
  /** The account's opted-out senders, sorted. */
  listOptOuts(accountId: string): Promise<OptOut[]>;
}
