import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { OutboundLog } from '@sms-channel/store';
import {
  createTwilioRestClient,
  type SendMessageOptions,
  type TwilioRestClient,
} from '@sms-channel/twilio-messaging';
import { AccountUnusableError } from '../errors.js';
import type { Logger } from '../logger.js';
import { type SentReply, sendReplyParts } from './send-reply-parts.js';

/**
 * Sends SMS parts to a phone through an account. A seam: both hosts send through Twilio with
 * `createTwilioOutbound`; tests record instead.
 */
export interface OutboundSender {
  /**
   * Sends `parts` (formatted already) in order, each logged under `turnKey` once accepted, skipping the parts
   * the log holds; `options.mediaUrls` go with the first part (MMS). Throws `TwilioSendError` on failure.
   */
  send(
    account: ResolvedSmsAccount,
    to: string,
    parts: readonly string[],
    turnKey: string,
    options?: OutboundSendOptions,
  ): Promise<SentReply>;
}

/** What else goes with a send. */
export interface OutboundSendOptions {
  /** Public URLs of media sent with the first part (MMS). */
  mediaUrls?: readonly string[] | undefined;
}

export interface TwilioOutboundOptions {
  outboundLog: Pick<
    OutboundLog,
    'listOutboundParts' | 'recordOutboundPart' | 'recordSendIntent' | 'listSendIntents'
  >;
  logger: Logger;
  /** Retry options of each send, plus a `signal` for shutdown. */
  send?: SendMessageOptions;
  /** The REST client of an account. @default `createTwilioRestClient` on the account's credentials and base URL */
  client?: (account: ResolvedSmsAccount) => Pick<TwilioRestClient, 'createMessage' | 'listMessages'>;
}

function restClientFor(account: ResolvedSmsAccount): TwilioRestClient {
  if (account.accountSid === undefined || account.authToken === undefined) {
    throw new AccountUnusableError(account.accountId, `missing ${account.missing.join(', ')}`);
  }
  return createTwilioRestClient({
    accountSid: account.accountSid,
    authToken: account.authToken,
    twilioApiBaseUrl: account.twilioApiBaseUrl,
  });
}

/** `OutboundSender` through Twilio's Messages API, one REST client per account (made on first send). */
export function createTwilioOutbound(options: TwilioOutboundOptions): OutboundSender {
  const clients = new Map<string, Pick<TwilioRestClient, 'createMessage' | 'listMessages'>>();
  const makeClient = options.client ?? restClientFor;
  const clientFor = (account: ResolvedSmsAccount) => {
    let client = clients.get(account.accountId);
    if (client === undefined) {
      client = makeClient(account);
      clients.set(account.accountId, client);
    }
    return client;
  };
  return {
    send: (account, to, parts, turnKey, sendOptions) =>
      sendReplyParts({
        mediaUrls: sendOptions?.mediaUrls,
        client: clientFor(account),
        outboundLog: options.outboundLog,
        account,
        to,
        parts,
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
      }),
  };
}
