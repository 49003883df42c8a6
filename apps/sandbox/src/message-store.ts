import type { SandboxMessage } from './sandbox-message.js';

/** Filters of Twilio's message list: exact `To` / `From`, and `date_sent` bounds. */
export interface MessageFilter {
  to?: string;
  from?: string;
  /** Messages sent on this UTC day (`YYYY-MM-DD`, Twilio's `DateSent`). */
  dateSent?: string;
  /** Messages sent at or before this instant (Twilio's `DateSent<`). */
  dateSentBefore?: Date;
  /** Messages sent at or after this instant (Twilio's `DateSent>`). */
  dateSentAfter?: Date;
}

/** In-memory messages, newest first in listings (Twilio lists messages by date created, newest first). */
export interface MessageStore {
  add(message: SandboxMessage): SandboxMessage;
  get(sid: string): SandboxMessage | undefined;
  /** Applies `patch` (and a new `dateUpdated`); returns the updated copy, or undefined for an unknown SID. */
  update(sid: string, patch: Partial<Omit<SandboxMessage, 'sid'>>, now: Date): SandboxMessage | undefined;
  list(filter?: MessageFilter): SandboxMessage[];
  clear(): void;
}

/** Creates an empty store. Reads hand out copies so callers cannot change the sandbox's state by accident. */
export function createMessageStore(): MessageStore {
  const messages = new Map<string, SandboxMessage>();
  return {
    add(message) {
      messages.set(message.sid, message);
      return structuredClone(message);
    },
    get(sid) {
      const found = messages.get(sid);
      return found && structuredClone(found);
    },
    update(sid, patch, now) {
      const found = messages.get(sid);
      if (!found) return undefined;
      Object.assign(found, patch, { dateUpdated: now });
      return structuredClone(found);
    },
    list(filter = {}) {
      const matching = [...messages.values()].filter((message) => matches(message, filter));
      return matching.reverse().map((message) => structuredClone(message));
    },
    clear() {
      messages.clear();
    },
  };
}

function matches(message: SandboxMessage, filter: MessageFilter): boolean {
  if (filter.to !== undefined && message.to !== filter.to) return false;
  if (filter.from !== undefined && message.from !== filter.from) return false;
  const sent = message.dateSent;
  if (filter.dateSent !== undefined && sent?.toISOString().slice(0, 10) !== filter.dateSent) return false;
  if (filter.dateSentBefore !== undefined && (!sent || sent > filter.dateSentBefore)) return false;
  if (filter.dateSentAfter !== undefined && (!sent || sent < filter.dateSentAfter)) return false;
  return true;
}
