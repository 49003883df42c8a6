import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { Logger } from './logger.js';

/** Start-up warnings an operator must see: nothing enabled, incomplete accounts, weak signature checks. */
export function warnAboutAccounts(
  accounts: readonly ResolvedSmsAccount[],
  trustProxy: boolean,
  logger: Logger,
): void {
  const enabled = accounts.filter((account) => account.enabled);
  if (enabled.length === 0) logger.warn({}, 'no SMS account is enabled: no webhook route is served');
  for (const account of enabled) {
    const accountId = account.accountId;
    if (!account.complete) {
      logger.warn(
        { accountId, missing: account.missing },
        `SMS account ${accountId} is incomplete: missing ${account.missing.join(', ')}`,
      );
    }
    if (account.dangerouslyDisableSignatureValidation) {
      logger.warn(
        { accountId },
        `SMS account ${accountId}: signature validation is DISABLED; anyone can post fake messages`,
      );
    } else if (account.publicWebhookUrl === undefined) {
      const source = trustProxy ? 'X-Forwarded-Proto/Host (gateway.trustProxy)' : 'the local listen URL';
      logger.warn(
        { accountId },
        `SMS account ${accountId} has no publicWebhookUrl: signatures are checked against ${source}, which only matches if Twilio calls exactly that URL`,
      );
    }
  }
}
