import {
  approvalTurnKey,
  createTwilioOutbound,
  type Logger,
  APPROVED_TEXT as SMS_APPROVED_TEXT,
  sendText,
  silentLogger,
} from '@sms-channel/channel-runtime';
import type { AccountStores } from './account-stores.js';
import type { HostConfig } from './host-types.js';
import { requireUsableAccount, resolveSmsPluginAccount } from './sms-plugin-account.js';
import { normalizeSmsTarget } from './sms-targets.js';

/** What the host hands `pairing.notifyApproval` after `openclaw pairing approve sms <CODE> --notify`. */
export interface HostApprovalNotice {
  cfg: HostConfig;
  /** The approved sender, as the plugin passed it to `upsertPairingRequest` (E.164). */
  id: string;
  accountId?: string | undefined;
  meta?: Readonly<Record<string, string | undefined | null>> | undefined;
}

export interface NotifyApprovalDeps {
  stores: AccountStores;
  logger?: Logger;
}

/**
 * `pairing.notifyApproval`: texts the newly approved sender that they may talk to the assistant now. The host
 * calls it for an approval with `notify` from the Control UI or the `channels.pairing.approve` gateway method
 * (in the gateway); `openclaw pairing approve sms <CODE> --notify` does not reach it for a channel outside
 * OpenClaw's bundle (the CLI reports "Channel sms does not support pairing"), which is why the running account
 * texts approved senders itself (approval-notices.ts). Under the same outbound-log key as those notices, so a
 * sender is texted once; refused for a number that texted STOP. The approval stands whatever happens here,
 * and the host reports a failure as a warning.
 */
export async function notifySmsApproval(notice: HostApprovalNotice, deps: NotifyApprovalDeps): Promise<void> {
  const accountId = notice.accountId ?? notice.meta?.accountId ?? undefined;
  const account = requireUsableAccount(resolveSmsPluginAccount(notice.cfg, accountId));
  const to = normalizeSmsTarget(notice.id);
  if (to === undefined) {
    throw new Error(`the approved sender ${JSON.stringify(notice.id)} is not a phone number; no SMS sent`);
  }
  await deps.stores.use(account.accountId, (store) =>
    sendText({
      account,
      to,
      markdown: SMS_APPROVED_TEXT,
      turnKey: approvalTurnKey(to),
      optOuts: store,
      outbound: createTwilioOutbound({ outboundLog: store, logger: deps.logger ?? silentLogger }),
    }),
  );
}
