import { countSegments } from '@sms-channel/sms-text';
import { mediaRef } from './media-store.js';
import { fetchOutboundMedia } from './outbound-media.js';
import { recordAlert, type SandboxContext } from './sandbox-context.js';
import type { SandboxMessage } from './sandbox-message.js';
import { segmentsOf } from './segments-of.js';
import { createStatusCallbackChain, type StatusCallbackChain } from './status-callbacks.js';
import { twilioErrorMessage } from './twilio-error.js';
import { updateMessage } from './update-message.js';

/**
 * Delivers an outbound message in the background, one status step per `deliveryDelayMs`:
 * (`accepted` -> sender picked ->) `queued` -> (media fetched ->) `sent` -> `delivered`, or `undelivered` with
 * error 30003 (or the fault's code) when a `delivery` fault fires, or `failed` when its media break Twilio's
 * rules (11200, 12300, 11751; see `outbound-media.ts`). Each step updates the message (what the REST API shows) and, when
 * the message has a `StatusCallback`, posts a signed status callback; callbacks go out in order, each after the
 * previous one was answered.
 */
export function scheduleOutboundDelivery(context: SandboxContext, sid: string): void {
  context.tasks.run(() => deliver(context, sid), sid);
}

async function deliver(context: SandboxContext, sid: string): Promise<void> {
  const delay = () => context.tasks.sleep(context.options.deliveryDelayMs);
  let message = context.messages.get(sid);
  if (!message) return;
  const outOfOrder =
    message.statusCallback !== null && context.faults.take('webhook.status', ['out-of-order']).length > 0;
  const callbacks = createStatusCallbackChain(context, outOfOrder);
  if (message.status === 'accepted') {
    await delay();
    const from = pickServiceSender(context, message);
    message = updateMessage(context, sid, {
      from,
      status: 'queued',
      numSegments: segmentsOf(message.body, message.mediaPending && !message.mmsConverted),
    });
    if (!message) return;
  }
  callbacks.push(message);
  if (message.mediaPending) {
    message = await storeMedia(context, message, callbacks);
    if (!message || message.status === 'failed') return;
  }
  await delay();
  message = updateMessage(context, sid, { status: 'sent', dateSent: context.options.now() });
  if (!message) return;
  callbacks.push(message);
  await delay();
  const fault = context.faults.take('delivery')[0];
  const errorCode = fault?.kind === 'undelivered' ? (fault.errorCode ?? 30003) : null;
  message = updateMessage(
    context,
    sid,
    errorCode === null
      ? { status: 'delivered' }
      : { status: 'undelivered', errorCode, errorMessage: twilioErrorMessage(errorCode) },
  );
  if (message) callbacks.push(message);
  await callbacks.flush();
}

/**
 * Fetches an outbound message's media and stores them (its Media subresource), or fails the message with
 * Twilio's error, recorded as an alert too (Twilio's debugger shows these), and its final status callback.
 */
async function storeMedia(
  context: SandboxContext,
  message: SandboxMessage,
  callbacks: StatusCallbackChain,
): Promise<SandboxMessage | undefined> {
  const outcome = await fetchOutboundMedia(context, message.mediaUrls);
  if (!outcome.ok) {
    const { errorCode, url, detail } = outcome;
    recordAlert(context, { errorCode, messageSid: message.sid, url, detail });
    const failed = updateMessage(context, message.sid, {
      status: 'failed',
      errorCode,
      errorMessage: twilioErrorMessage(errorCode),
      mediaPending: false,
    });
    if (failed) callbacks.push(failed);
    await callbacks.flush();
    return failed;
  }
  const now = context.options.now();
  const stored = outcome.media.map((media) => context.media.add(message.accountSid, message.sid, media, now));
  const links = stored.map(
    (media) => `${context.urls.cdn ?? ''}${context.media.publicPath(media.sid) ?? ''}`,
  );
  return updateMessage(context, message.sid, {
    media: stored.map(mediaRef),
    mediaPending: false,
    // The MMS Converter sends the text with a link to each media as one SMS, billed as such.
    ...(message.mmsConverted && message.from !== null
      ? { numSegments: countSegments([message.body, ...links].filter(Boolean).join('\n')).segments }
      : {}),
  });
}

/**
 * Twilio's sticky sender: a Messaging Service answers a handset from the pool number it last talked with, so
 * the conversation stays on one number; a new handset gets the pool's first number.
 */
function pickServiceSender(context: SandboxContext, message: SandboxMessage): string {
  const service = message.messagingServiceSid ? context.services.get(message.messagingServiceSid) : undefined;
  const pool = service?.phoneNumbers ?? [...context.numbers.keys()];
  const recent = context.messages
    .list()
    .find(
      (other) =>
        (other.from === message.to && pool.includes(other.to)) ||
        (other.to === message.to && other.from !== null && pool.includes(other.from)),
    );
  const sticky = recent && (recent.from === message.to ? recent.to : recent.from);
  return sticky ?? pool[0] ?? '';
}
