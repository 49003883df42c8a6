import type { OptOutKeyword } from '@sms-channel/phone-policy';

/**
 * Twilio's default opt-out handling: a handset that texts STOP (or another opt-out keyword) to a number is
 * blocked from further messages from that number - or from the whole Messaging Service when the number is in
 * one - until it texts START; sends to it fail with error 21610. Twilio answers each keyword with an
 * automatic reply. The "scope" below is that sender: the service SID, else the number.
 */
export interface OptOutRegistry {
  /** Applies a keyword; returns true when the handset's state changed. HELP changes nothing. */
  apply(keyword: OptOutKeyword, handset: string, scope: string): boolean;
  isOptedOut(handset: string, scope: string): boolean;
  list(): Array<{ handset: string; scope: string }>;
  clear(): void;
}

/** Creates an empty registry (everyone subscribed). */
export function createOptOutRegistry(): OptOutRegistry {
  const optedOut = new Set<string>();
  const key = (handset: string, scope: string) => `${scope} ${handset}`;
  return {
    apply(keyword, handset, scope) {
      if (keyword === 'help') return false;
      const before = optedOut.has(key(handset, scope));
      if (keyword === 'stop') optedOut.add(key(handset, scope));
      else optedOut.delete(key(handset, scope));
      return before !== optedOut.has(key(handset, scope));
    },
    isOptedOut(handset, scope) {
      return optedOut.has(key(handset, scope));
    },
    list() {
      return [...optedOut].map((entry) => {
        const [scope = '', handset = ''] = entry.split(' ');
        return { handset, scope };
      });
    },
    clear() {
      optedOut.clear();
    },
  };
}

/** The `OptOutType` value Twilio adds to the inbound webhook of a keyword message. */
export function optOutTypeOf(keyword: OptOutKeyword): 'STOP' | 'START' | 'HELP' {
  return keyword === 'stop' ? 'STOP' : keyword === 'start' ? 'START' : 'HELP';
}

/** The sandbox's automatic answer to a keyword (same purpose as Twilio's default replies, its own words). */
export function autoReplyFor(keyword: OptOutKeyword): string {
  switch (keyword) {
    case 'stop':
      return 'You are unsubscribed and will receive no more messages from this number. Text START to subscribe again.';
    case 'start':
      return 'You are subscribed again to messages from this number. Text HELP for help, STOP to unsubscribe. Msg & data rates may apply.';
    case 'help':
      return 'Text STOP to unsubscribe or START to subscribe again. Msg & data rates may apply.';
  }
}
