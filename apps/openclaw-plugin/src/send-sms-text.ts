import { randomUUID } from 'node:crypto';
import { createTwilioOutbound, type Logger, sendText, silentLogger } from '@sms-channel/channel-runtime';
import { parseSmsTarget } from '@sms-channel/phone-policy';
import type { AccountStores } from './account-stores.js';
import type { HostOutboundContext, HostOutboundResult } from './host-types.js';
import { requireUsableAccount, resolveSmsPluginAccount } from './sms-plugin-account.js';

export interface SendSmsTextDeps {
  stores: AccountStores;
  logger?: Logger;
}

/**
 * `outbound.sendText` (`openclaw message send`, and any host-initiated message): the runtime's `sendText` on the
 * account's store (the whole text, since the plugin declares no host chunker, formatted and cut into numbered
 * parts within `textChunkLimit`; 429/5xx retried; each accepted part logged under the host's delivery id when it
 * gives one, so a redelivery does not resend parts). It runs in the CLI process for `message send`, next to a
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
