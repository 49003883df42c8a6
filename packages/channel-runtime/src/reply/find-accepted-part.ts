import { createHash } from 'node:crypto';
import type { SendIntent } from '@sms-channel/store';
import type { TwilioMessage, TwilioRestClient } from '@sms-channel/twilio-messaging';

/** How far the clocks of this host and Twilio may disagree when comparing a message's creation with an intent. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Messages to the recipient looked at, newest first: far more than one turn's parts in the skew window. */
const LOOK_BACK = 50;

/** The hex SHA-256 of a part's body: what an intent keeps of it. */
export function bodyHashOf(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/**
 * The message Twilio accepted for a part whose intent was recorded but whose SID never was (the process died,
 * or the request got no answer, between Twilio accepting it and the log write), or `undefined` when Twilio has
 * none and the part must be sent. Twilio's list, newest first, by recipient (and sender number): an outbound
 * message created since the intent (give or take clock skew), from the intent's sender (its number, or its
 * Messaging Service: such a message's `from` is the number the service picked), with the part's exact body, and
 * not already logged as another part of the turn. `DateSent` is not filtered on: a message still queued has none.
 */
export async function findAcceptedPart(
  client: Pick<TwilioRestClient, 'listMessages'>,
  intent: Pick<SendIntent, 'to' | 'from' | 'bodyHash' | 'intendedAt'>,
  loggedSids: ReadonlySet<string>,
): Promise<TwilioMessage | undefined> {
  const throughService = intent.from.startsWith('MG');
  const listed = await client.listMessages({
    to: intent.to,
    ...(throughService ? {} : { from: intent.from }),
    limit: LOOK_BACK,
  });
  return listed.find(
    (message) =>
      message.direction.startsWith('outbound') &&
      (message.dateCreated === null || message.dateCreated.getTime() >= intent.intendedAt - CLOCK_SKEW_MS) &&
      (throughService ? message.messagingServiceSid === intent.from : message.from === intent.from) &&
      !loggedSids.has(message.sid) &&
      bodyHashOf(message.body) === intent.bodyHash,
  );
}
