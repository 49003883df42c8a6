import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { ClaimedInbound, OptOutRegistry } from '@sms-channel/store';
import { readInboundMessage } from '@sms-channel/twilio-messaging';
import type { Logger } from '../logger.js';
import { formatReplyParts } from '../reply/format-reply-parts.js';
import type { OutboundSender } from '../reply/outbound-sender.js';

/** Outbound-log key of the apology for one inbound message: the log makes it one at most, whatever happens. */
export function failureReplyTurnKey(messageSid: string): string {
  return `failure:${messageSid}`;
}

export interface FailureReplyDeps {
  account: (accountId: string) => ResolvedSmsAccount | undefined;
  optOuts: Pick<OptOutRegistry, 'isOptedOut'>;
  outbound: OutboundSender;
  logger: Logger;
}

/**
 * Texts the sender the account's `failureReply` once the assistant failed for good on their message (it was
 * dead-lettered): the texter hears that something went wrong instead of nothing. At most one per inbound message
 * (the outbound log under `failure:<MessageSid>`), never to an opted-out sender, never when switched off.
 * Never throws: a failure to apologise is logged.
 */
export async function sendFailureReply(claimed: ClaimedInbound, deps: FailureReplyDeps): Promise<void> {
  const account = deps.account(claimed.accountId);
  const to = claimed.sender ?? readInboundMessage(claimed.payload).from;
  const text = account?.failureReply;
  if (account === undefined || !account.enabled || to === undefined || text === undefined) return;
  try {
    if (await deps.optOuts.isOptedOut(account.accountId, to)) return;
    const parts = await formatReplyParts(text, account);
    const sent = await deps.outbound.send(account, to, parts, failureReplyTurnKey(claimed.messageSid));
    if (sent.parts.some((part) => part.sentNow)) {
      deps.logger.info(
        { accountId: account.accountId, messageSid: claimed.messageSid, to },
        'failure reply sent',
      );
    }
  } catch (error) {
    deps.logger.warn(
      { err: error, accountId: account.accountId, messageSid: claimed.messageSid, to },
      'failure reply not sent',
    );
  }
}
