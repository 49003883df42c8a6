import { randomUUID } from 'node:crypto';
import { parseSmsTarget } from '@sms-channel/phone-policy';
import { createSilentLogger, type GatewayLogger } from '../logging/create-logger.js';
import { createTwilioOutbound } from '../worker/outbound-sender.js';
import type { AccountStores } from './account-stores.js';
import type { HostOutboundContext, HostOutboundResult } from './host-types.js';
import { EmptySmsTextError, RecipientOptedOutError } from './plugin-errors.js';
import { requireUsableAccount, resolveSmsPluginAccount } from './sms-plugin-account.js';

export interface SendSmsTextDeps {
  stores: AccountStores;
  logger?: GatewayLogger;
}

/**
 * `outbound.sendText` (`openclaw message send`, and any host-initiated message): the whole text (the plugin
 * declares no host chunker) formatted from markdown and cut into numbered parts within the account's
 * `textChunkLimit` by `sendReply`, each part sent in order through the Twilio SDK, with 429/5xx retried and
 * each accepted part logged in the account's store (under the host's delivery id when it gives one, so a
 * redelivery does not resend parts). It runs in the CLI process for `message send`, next to a running gateway
 * that has the same store open: SQLite in WAL mode with a busy timeout takes both. A recipient who texted STOP
 * gets nothing (Twilio would refuse with 21610 anyway).
 */
export async function sendSmsText(
  ctx: HostOutboundContext,
  deps: SendSmsTextDeps,
): Promise<HostOutboundResult> {
  const account = requireUsableAccount(resolveSmsPluginAccount(ctx.cfg, ctx.accountId));
  const to = parseSmsTarget(ctx.to).to;
  const logger = deps.logger ?? createSilentLogger();
  const turnKey = ctx.deliveryQueueId === undefined ? `send:${randomUUID()}` : `send:${ctx.deliveryQueueId}`;
  const sent = await deps.stores.use(account.accountId, async (store) => {
    if (await store.isOptedOut(account.accountId, to))
      throw new RecipientOptedOutError(account.accountId, to);
    const outbound = createTwilioOutbound({
      outboundLog: store,
      logger,
      send: ctx.signal === undefined ? {} : { signal: ctx.signal },
    });
    return outbound.send(account, to, ctx.text, turnKey);
  });
  const sids = sent.parts.map((part) => part.sid);
  const first = sids[0];
  if (first === undefined) throw new EmptySmsTextError();
  return {
    channel: 'sms',
    messageId: first,
    timestamp: Date.now(),
    meta: { accountId: account.accountId, to, parts: sent.parts.length, sids },
  };
}
