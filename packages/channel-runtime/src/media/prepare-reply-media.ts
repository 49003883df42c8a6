import type { ResolvedSmsAccount } from '@sms-channel/config';
import { describePhoneNumber } from '@sms-channel/phone-policy';
import {
  checkMmsMedia,
  isMmsLimitError,
  MmsLimitError,
  type MmsMediaFacts,
} from '@sms-channel/twilio-messaging';
import type { ReplyMedia } from '../agent/agent.js';
import { isChannelRuntimeError, MediaFileError, MediaLinkUnavailableError } from '../errors.js';
import type { Logger } from '../logger.js';
import { mediaBaseUrl } from './media-base-url.js';
import type { MediaHost } from './media-host.js';

/** What to do with media for a number MMS does not reach (outside the US and Canada). */
export type NonMmsMedia =
  /** Refuse the send with `MmsLimitError` (`unsupported-country`): what `message send` does by default. */
  | 'error'
  /** Send the text with each media's URL appended on a line of its own: what assistant replies do. */
  | 'links';

/** How an outbound message carries its media. */
export interface ReplyMediaPlan {
  /** `MediaUrl`s of the first part (empty: the media went as links, or not at all). */
  urls: string[];
  /** Tokens of the files published for it (see `MediaHost.markSent`). */
  tokens: string[];
  /** Text to append to the message: the links, or a notice of media that could not be sent. */
  appendix: string | undefined;
}

export interface PrepareReplyMediaOptions {
  account: ResolvedSmsAccount;
  /** E.164 recipient. */
  to: string;
  media: readonly ReplyMedia[];
  /** Serves local files; `undefined` when the host gave the runtime no media directory. */
  host: MediaHost | undefined;
  /** The host's media base URL, when it has one (else the origin of `publicWebhookUrl`). */
  baseUrl?: string | undefined;
  /** Bytes of the text that goes with the media (Twilio's 5 MB counts it). */
  textBytes: number;
  /** `throw`: any problem is an error (`message send`); `notice`: send the text with a notice (replies). */
  onRefused: 'throw' | 'notice';
  nonMms: NonMmsMedia;
  logger: Logger;
}

/**
 * Whether MMS reaches a number: Twilio sends MMS to US and Canadian numbers only. A `+1` number whose region
 * libphonenumber cannot tell (a fictional 555 number) counts as one; other NANP countries (Jamaica...) do not.
 */
export function isMmsDestination(e164: string): boolean {
  const described = describePhoneNumber(e164);
  if (!described.ok || described.countryCallingCode !== '1') return false;
  return described.country === undefined || described.country === 'US' || described.country === 'CA';
}

function notice(count: number): string {
  return count === 1 ? '[1 attachment not sent]' : `[${count} attachments not sent]`;
}

interface Resolved {
  url: string;
  token?: string;
  facts: MmsMediaFacts;
}

async function resolveOne(item: ReplyMedia, options: PrepareReplyMediaOptions): Promise<Resolved> {
  if ('url' in item) {
    if (!/^https?:\/\//i.test(item.url)) throw new MediaFileError(item.url, 'is not an absolute http(s) URL');
    return { url: item.url, facts: { name: item.url, contentType: item.contentType } };
  }
  if (options.host === undefined) {
    throw new MediaLinkUnavailableError(
      options.account.accountId,
      'the host gave the channel no media directory',
    );
  }
  const base = mediaBaseUrl(options.account, options.baseUrl);
  const published = await options.host.publish(item.path, { baseUrl: base, contentType: item.contentType });
  return {
    url: published.url,
    token: published.token,
    facts: { name: published.name, contentType: published.contentType, size: published.size },
  };
}

/**
 * Turns the media of an outbound message into `MediaUrl`s: remote URLs pass through, local files are published
 * by the media host; then Twilio's limits are checked (`checkMmsMedia`: count, types, sizes, text included) and
 * the destination (MMS reaches US and Canadian numbers only). Refusals throw (`onRefused: 'throw'`) or become a
 * notice appended to the text (`'notice'`, logged), so a reply is never lost for its media.
 */
export async function prepareReplyMedia(options: PrepareReplyMediaOptions): Promise<ReplyMediaPlan> {
  const { media, logger, account } = options;
  if (media.length === 0) return { urls: [], tokens: [], appendix: undefined };
  try {
    const mms = isMmsDestination(options.to);
    if (!mms && options.nonMms === 'error') {
      throw new MmsLimitError(
        'unsupported-country',
        `${options.to} is outside the US and Canada, where Twilio sends no MMS (send the media as links instead)`,
      );
    }
    const resolved: Resolved[] = [];
    for (const item of media) resolved.push(await resolveOne(item, options));
    const tokens = resolved.flatMap((entry) => (entry.token === undefined ? [] : [entry.token]));
    if (!mms) {
      const appendix = resolved.map((entry) => entry.url).join('\n');
      return { urls: [], tokens, appendix };
    }
    checkMmsMedia(
      resolved.map((entry) => entry.facts),
      options.textBytes,
    );
    return { urls: resolved.map((entry) => entry.url), tokens, appendix: undefined };
  } catch (error) {
    const refusal = isMmsLimitError(error) || isChannelRuntimeError(error);
    if (!refusal || options.onRefused === 'throw') throw error;
    logger.warn(
      { accountId: account.accountId, to: options.to, media: media.length, reason: (error as Error).message },
      'reply media not sent',
    );
    return { urls: [], tokens: [], appendix: notice(media.length) };
  }
}
