import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedSmsAccount } from '@sms-channel/config';
import {
  fetchTwilioMedia,
  type InboundMedia,
  isTwilioMediaError,
  mediaTypeOfFileName,
  TwilioMediaError,
} from '@sms-channel/twilio-messaging';
import type { AgentMedia } from '../agent/agent.js';
import type { Logger } from '../logger.js';

/** `mediaMaxMb` is in MiB: 5 means 5 x 1024 x 1024 bytes per file. */
const MIB = 1024 * 1024;

/** What became of an inbound message's media. */
export interface InboundMediaResult {
  /** The media on disk, in `MediaUrlN` order. */
  media: AgentMedia[];
  /** Media that could not be had, for good: the turn says so (`[1 attachment unavailable]`). */
  unavailable: TwilioMediaError[];
  /** A failure that may pass: the message goes back to the queue (files already fetched are kept). */
  retry?: TwilioMediaError;
}

export interface FetchInboundMediaOptions {
  account: ResolvedSmsAccount;
  messageSid: string;
  media: readonly InboundMedia[];
  /** `<media dir>/inbound`: each message's files go into `<it>/<accountId>/<MessageSid>/`. */
  directory: string;
  /** This claim of the message (1 = first). Past `maxAttempts`, retryable failures become final. */
  attempt: number;
  /** Claims during which a retryable failure sends the message back to the queue. @default 3 */
  maxAttempts?: number;
  /** Time allowed per media. @default 30000 */
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
  logger: Logger;
  /** @default fetchTwilioMedia */
  fetchMedia?: typeof fetchTwilioMedia;
}

/** The folder of one inbound message's media. */
export function inboundMediaFolder(directory: string, accountId: string, messageSid: string): string {
  return join(directory, accountId, messageSid);
}

/** A file fetched by an earlier claim of the message (`<index>-<MediaSid>.<ext>`, never a `.part`). */
async function fetchedBefore(folder: string, name: string): Promise<string | undefined> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const found = names.find((entry) => entry.startsWith(`${name}.`) && !entry.endsWith('.part'));
  return found === undefined ? undefined : join(folder, found);
}

/**
 * Fetches an allowed message's media (never a denied or pairing sender's: the caller runs this after access),
 * each with `fetchTwilioMedia` under the account's credentials, size cap (`mediaMaxMb`) and API base URL. A
 * retried message keeps the files its earlier claims fetched. A retryable failure (408, 429, 5xx, no answer)
 * asks for a retry while attempts remain; after that, and for final failures, the media is reported
 * unavailable so the turn still runs and says so.
 */
export async function fetchInboundMedia(options: FetchInboundMediaOptions): Promise<InboundMediaResult> {
  const { account, messageSid, logger } = options;
  const folder = inboundMediaFolder(options.directory, account.accountId, messageSid);
  const fetchMedia = options.fetchMedia ?? fetchTwilioMedia;
  const lastAttempt = options.attempt >= (options.maxAttempts ?? 3);
  const result: InboundMediaResult = { media: [], unavailable: [] };
  for (const [index, item] of options.media.entries()) {
    const name = `${index}-${/\/(ME[0-9a-fA-F]{32})$/.exec(item.url)?.[1] ?? 'media'}`;
    const previous = await fetchedBefore(folder, name);
    if (previous !== undefined) {
      const size = (await stat(previous)).size;
      const contentType = mediaTypeOfFileName(previous) ?? item.contentType ?? 'application/octet-stream';
      result.media.push({ url: item.url, path: previous, contentType, size });
      continue;
    }
    try {
      if (account.accountSid === undefined || account.authToken === undefined) {
        throw new TwilioMediaError(
          'url-refused',
          `account ${account.accountId} has no credentials to fetch media`,
          {
            url: item.url,
            retryable: false,
          },
        );
      }
      const fetched = await fetchMedia({
        url: item.url,
        contentType: item.contentType,
        accountSid: account.accountSid,
        authToken: account.authToken,
        messageSid,
        twilioApiBaseUrl: account.twilioApiBaseUrl,
        directory: folder,
        name,
        maxBytes: Math.floor(account.mediaMaxMb * MIB),
        timeoutMs: options.timeoutMs ?? 30_000,
        signal: options.signal,
      });
      result.media.push({
        url: item.url,
        path: fetched.path,
        contentType: fetched.contentType,
        size: fetched.size,
      });
    } catch (error) {
      if (!isTwilioMediaError(error)) throw error;
      const fields = { accountId: account.accountId, messageSid, index, ...error.toLog(), code: error.code };
      if (error.retryable && (!lastAttempt || error.reason === 'aborted')) {
        logger.warn(fields, 'inbound media fetch failed; the message will be retried');
        return { ...result, retry: error };
      }
      logger.warn({ ...fields, reason: error.message }, 'inbound media unavailable');
      result.unavailable.push(error);
    }
  }
  return result;
}

/** The notice a turn carries for media that could not be had: `[1 attachment unavailable]`. */
export function unavailableNotice(count: number): string {
  return count === 1 ? '[1 attachment unavailable]' : `[${count} attachments unavailable]`;
}
