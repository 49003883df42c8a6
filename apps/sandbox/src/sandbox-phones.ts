import { isE164 } from '@sms-channel/phone-policy';
import { SandboxInputError, SandboxWaitTimeoutError } from './errors.js';
import { deliverHandsetSms, type HandsetSms, type InboundResult } from './inbound-sms.js';
import { optOutScopeOf, type SandboxContext } from './sandbox-context.js';
import type { MessageDirection, MessageStatus, SandboxMessage } from './sandbox-message.js';
import { type HandsetOptions, resolveHandset } from './sandbox-options.js';

/** What {@link SandboxPhones.waitForMessage} waits for; every given criterion must hold. */
export interface MessageCriteria {
  to?: string;
  from?: string;
  direction?: MessageDirection;
  /** Exact text, or a pattern the body must match. */
  body?: string | RegExp;
  /** Wait until the message reached this status (e.g. `delivered`). @default any status */
  status?: MessageStatus;
  /** Any other test. */
  where?: (message: SandboxMessage) => boolean;
  /** @default 10000 */
  timeoutMs?: number;
}

/** The simulated handsets. */
export interface SandboxPhones {
  /** A handset texts a sandbox number; resolves once the webhook was answered (or gave up). */
  send(sms: HandsetSms): Promise<InboundResult>;
  /** Every message to or from `handset`, oldest first. */
  conversation(handset: string): SandboxMessage[];
  /** The handsets known so far (configured, added, or seen in a message). */
  list(): Required<HandsetOptions>[];
  /**
   * Adds a handset (with its geography) to the dev phone's list.
   * @throws {SandboxInputError} when its number is not E.164.
   */
  add(handset: string | HandsetOptions): Required<HandsetOptions>;
  /** True when `handset` texted STOP to `sender` (a number or `MG` service SID; default: the first number). */
  isOptedOut(handset: string, sender?: string): boolean;
  /**
   * Resolves with the first message (already stored or still to come) that meets `criteria`, e.g. the reply
   * to a handset: `waitForMessage({ to: '+1...', body: /You said/, status: 'delivered' })`.
   */
  waitForMessage(criteria: MessageCriteria): Promise<SandboxMessage>;
}

/** Creates the phones API over a sandbox context. */
export function createSandboxPhones(context: SandboxContext): SandboxPhones {
  return {
    send: (sms) => deliverHandsetSms(context, sms),
    conversation(handset) {
      return context.messages
        .list()
        .filter((message) => message.from === handset || message.to === handset)
        .reverse();
    },
    list() {
      return [...context.handsets.values()].map((handset) => ({ ...handset }));
    },
    add(handset) {
      // Input, not an option: checked here so that the HTTP API's 400 names the field like every other.
      const phoneNumber = typeof handset === 'string' ? handset : handset.phoneNumber;
      if (!isE164(phoneNumber))
        throw new SandboxInputError('phoneNumber', `"${phoneNumber}" is not an E.164 number`);
      const resolved = resolveHandset(handset, 'handset');
      context.handsets.set(resolved.phoneNumber, resolved);
      return { ...resolved };
    },
    isOptedOut(handset, sender) {
      const first = context.numbers.keys().next().value ?? '';
      const scope = sender?.startsWith('MG') ? sender : optOutScopeOf(context, sender ?? first);
      return context.optOuts.isOptedOut(handset, scope);
    },
    waitForMessage: (criteria) => waitForMessage(context, criteria),
  };
}

function waitForMessage(context: SandboxContext, criteria: MessageCriteria): Promise<SandboxMessage> {
  const timeoutMs = criteria.timeoutMs ?? 10_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 0) throw new SandboxInputError('timeoutMs', 'must be >= 0');
  const found = context.messages
    .list()
    .reverse()
    .find((message) => meets(message, criteria));
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const unsubscribe = context.events.subscribe((event) => {
      if (
        (event.type === 'message.created' || event.type === 'message.updated') &&
        meets(event.message, criteria)
      ) {
        clearTimeout(timer);
        unsubscribe();
        resolve(event.message);
      }
    });
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new SandboxWaitTimeoutError(`message matching ${describe(criteria)}`, timeoutMs));
    }, timeoutMs);
  });
}

function meets(message: SandboxMessage, criteria: MessageCriteria): boolean {
  if (criteria.to !== undefined && message.to !== criteria.to) return false;
  if (criteria.from !== undefined && message.from !== criteria.from) return false;
  if (criteria.direction !== undefined && message.direction !== criteria.direction) return false;
  if (criteria.status !== undefined && message.status !== criteria.status) return false;
  if (typeof criteria.body === 'string' && message.body !== criteria.body) return false;
  if (criteria.body instanceof RegExp && !criteria.body.test(message.body)) return false;
  return criteria.where ? criteria.where(message) : true;
}

function describe(criteria: MessageCriteria): string {
  const { where, timeoutMs, ...rest } = criteria;
  const parts = Object.entries(rest).map(([key, value]) => `${key}=${String(value)}`);
  if (where) parts.push('where=<function>');
  return parts.join(', ') || 'anything';
}
