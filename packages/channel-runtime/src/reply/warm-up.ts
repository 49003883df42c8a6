import { preloadTwilioSdk } from '@sms-channel/twilio-messaging';
import { formatReplyParts } from './format-reply-parts.js';

/** A reply with the syntax most replies have: emphasis, a list, a link, code, a table. */
const SAMPLE = [
  '**Sure.** Here is how:',
  '',
  '1. Open [the settings](https://example.com/settings) and pick `Network`.',
  '2. Turn it _off_ and on.',
  '',
  '| step | time |',
  '| --- | --- |',
  '| restart | 1 min |',
].join('\n');

/**
 * Loads what the first reply would otherwise load in the middle of traffic: the Twilio SDK and the markdown
 * parser, each hundreds of milliseconds of the event loop (module evaluation, then the parser's first run), during
 * which no webhook is read. Measured at 2,000 texts/s from idle: acknowledge p99 over 600 ms for the first 2 s.
 * The runtime does it a second after it starts, before traffic comes. Never rejects: a failure shows again, with
 * its reason, on the first reply.
 */
export async function warmUpReplies(options: {
  /** Whether replies go through the Twilio SDK (not when the host gave its own sender). */
  twilioSdk: boolean;
}): Promise<void> {
  await Promise.all([
    options.twilioSdk ? preloadTwilioSdk() : undefined,
    formatReplyParts(SAMPLE, { textChunkLimit: 1600, smartEncoding: true }).catch(() => undefined),
  ]);
}
