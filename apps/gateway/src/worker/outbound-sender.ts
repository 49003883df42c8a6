import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { OutboundLog } from '@sms-channel/store';
import type { GatewayLogger } from '../logging/create-logger.js';
import { createTwilioClient, type TwilioClient } from '../twilio/create-twilio-client.js';
import { type SendReplyOptions, type SentReply, sendReply, sendReplyParts } from '../twilio/send-reply.js';
import type { SendSmsOptions } from '../twilio/send-sms.js';

/**
 * Sends text to a phone through an account. A seam: the gateway sends through the Twilio SDK; the OpenClaw
 * plugin routes the host's deliveries through the same implementation, and tests may record instead.
 */
export interface OutboundSender {
  /**
   * Sends `markdown` formatted and chunked as SMS parts, each logged under `turnKey` (a resumed turn skips the
   * parts already accepted). Throws `TwilioSendError` on failure.
   */
  send(account: ResolvedSmsAccount, to: string, markdown: string, turnKey: string): Promise<SentReply>;
  /**
   * Sends parts formatted already (a reply draft saved before sending) exactly as given, each logged under
   * `turnKey`, skipping the parts the log holds. Optional: without it the worker cannot resume a reply from
   * its saved draft, and sends the assistant's text through `send` instead.
   */
  sendParts?(
    account: ResolvedSmsAccount,
    to: string,
    parts: readonly string[],
    turnKey: string,
  ): Promise<SentReply>;
}

export interface TwilioOutboundOptions {
  outboundLog: Pick<OutboundLog, 'listOutboundParts' | 'recordOutboundPart'>;
  logger: GatewayLogger;
  /** Retry options of each send, plus a `signal` for shutdown. */
  send?: SendSmsOptions;
}

/** `OutboundSender` through the `twilio` SDK, one client per account (created on first send). */
export function createTwilioOutbound(options: TwilioOutboundOptions): OutboundSender {
  const clients = new Map<string, Promise<TwilioClient>>();
  const clientFor = (account: ResolvedSmsAccount) => {
    let client = clients.get(account.accountId);
    if (client === undefined) {
      if (account.accountSid === undefined || account.authToken === undefined) {
        throw new TypeError(
          `account ${account.accountId} cannot send: missing ${account.missing.join(', ')}`,
        );
      }
      client = createTwilioClient({
        accountSid: account.accountSid,
        authToken: account.authToken,
        twilioApiBaseUrl: account.twilioApiBaseUrl,
      });
      clients.set(account.accountId, client);
    }
    return client;
  };
  /** What `sendReply` and `sendReplyParts` both take: the account's client and sender, retries logged. */
  const replyOptions = async (
    account: ResolvedSmsAccount,
    to: string,
    turnKey: string,
  ): Promise<Omit<SendReplyOptions, 'markdown'>> => ({
    client: await clientFor(account),
    outboundLog: options.outboundLog,
    sender: {
      accountId: account.accountId,
      fromNumber: account.fromNumber,
      messagingServiceSid: account.messagingServiceSid,
      textChunkLimit: account.textChunkLimit,
      statusCallback: account.publicWebhookUrl,
    },
    to,
    turnKey,
    logger: options.logger,
    send: {
      ...options.send,
      onRetry: ({ attempt, delayMs, error }) =>
        options.logger.warn(
          { accountId: account.accountId, to, attempt, delayMs, ...error.toLog() },
          'twilio send retry',
        ),
    },
  });
  return {
    send: async (account, to, markdown, turnKey) =>
      sendReply({ ...(await replyOptions(account, to, turnKey)), markdown }),
    sendParts: async (account, to, parts, turnKey) =>
      sendReplyParts({ ...(await replyOptions(account, to, turnKey)), parts }),
  };
}
