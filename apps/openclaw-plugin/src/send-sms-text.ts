import { randomUUID } from 'node:crypto';
import {
  createChannelMedia,
  createTwilioOutbound,
  type Logger,
  sendText,
  silentLogger,
} from '@sms-channel/channel-runtime';
import { parseSmsTarget } from '@sms-channel/phone-policy';
import type { AccountStores } from './account-stores.js';
import { toReplyMedia } from './host-media.js';
import type { HostOutboundContext, HostOutboundResult } from './host-types.js';
import { requireUsableAccount, resolveSmsPluginAccount } from './sms-plugin-account.js';

export interface SendSmsTextDeps {
  stores: AccountStores;
  logger?: Logger;
  /** The plugin's media directory (local files are served from it by the running gateway's media route). */
  mediaDir?: () => string;
}

/**
 * `outbound.sendText` and `outbound.sendMedia` (`openclaw message send [--media]`, and any host-initiated message): the runtime's `sendText` on the
 * account's store (the whole text, since the plugin declares no host chunker, formatted and cut into numbered
 * parts within `textChunkLimit`; 429/5xx retried; each accepted part logged under the host's delivery id when it
 * gives one, so a redelivery does not resend parts). `sendMedia`'s `mediaUrl` goes with the first part as an MMS:
 * an http(s) URL as it is, a local file served by the running gateway's media route (Twilio's limits checked
 * first; to a number outside the US and Canada the send fails, as `MmsLimitError` says). It runs in the CLI process for `message send`, next to a
 * running gateway that has the same store open: SQLite in WAL mode with a busy timeout takes both.
 */
export async function sendSmsText(
  ctx: HostOutboundContext,
  deps: SendSmsTextDeps,
): Promise<HostOutboundResult> {
  const account = requireUsableAccount(resolveSmsPluginAccount(ctx.cfg, ctx.accountId));
  const to = parseSmsTarget(ctx.to).to;
  const turnKey = ctx.deliveryQueueId === undefined ? `send:${randomUUID()}` : `send:${ctx.deliveryQueueId}`;
  const sent = await deps.stores.use(account.accountId, (store) =>
    sendText({
      account,
      to,
      markdown: ctx.text,
      turnKey,
      optOuts: store,
      ...(ctx.mediaUrl === undefined || ctx.mediaUrl === '' ? {} : { media: [toReplyMedia(ctx.mediaUrl)] }),
      ...(deps.mediaDir === undefined
        ? {}
        : { channelMedia: createChannelMedia({ directory: deps.mediaDir() }) }),
      outbound: createTwilioOutbound({
        outboundLog: store,
        logger: deps.logger ?? silentLogger,
        send: ctx.signal === undefined ? {} : { signal: ctx.signal },
      }),
    }),
  );
  const sids = sent.parts.map((part) => part.sid);
  return {
    channel: 'sms',
    messageId: sids[0] ?? '',
    timestamp: Date.now(),
    meta: { accountId: account.accountId, to, parts: sent.parts.length, sids },
  };
}
