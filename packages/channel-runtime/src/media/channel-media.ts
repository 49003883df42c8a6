import { join } from 'node:path';
import type { Logger } from '../logger.js';
import type { InboundMediaRequest } from '../worker/process-inbound.js';
import { fetchInboundMedia, type InboundMediaResult } from './fetch-inbound-media.js';
import { createLegacyDraftMedia, type LegacyDraftMedia } from './legacy-draft-media.js';
import { createMediaHost, type MediaHost } from './media-host.js';
import { sweepOldFiles } from './sweep-old-files.js';

/** Where a host keeps media, and for how long. */
export interface ChannelMediaOptions {
  /**
   * The media directory: `inbound/<accountId>/<MessageSid>/` (fetched MMS media), `outbound/` (local files served
   * to Twilio), `drafts/` (the media of reply drafts saved by earlier releases, read-only: drafts now keep their
   * media in the store). Standalone: `<stateDir>/media`.
   */
  directory: string;
  /**
   * Where served files are reachable (`https://...`; its path is kept, `/sms-media/<token>` is appended).
   * @default the origin of each account's `publicWebhookUrl`
   */
  baseUrl?: string | undefined;
  /** How long a served local file stays reachable (it is deleted sooner once its message was delivered). @default 3_600_000 */
  linkTtlMs?: number | undefined;
  /** How long inbound media (and earlier releases' draft media) are kept. @default 604_800_000 (7 days, as the store's rows) */
  retentionMs?: number | undefined;
  /** Time allowed to fetch one inbound media. @default 30000 */
  fetchTimeoutMs?: number | undefined;
  /** Claims of a message during which a retryable media failure sends it back to the queue. @default 3 */
  fetchAttempts?: number | undefined;
}

/** The media side of a channel, over one media directory. */
export interface ChannelMedia {
  readonly directory: string;
  readonly baseUrl: string | undefined;
  /** Serves local files to Twilio under `/sms-media/<token>`. */
  readonly host: MediaHost;
  /** The media earlier releases kept beside their reply drafts (`drafts/`), for resuming such a draft. */
  readonly legacyDrafts: LegacyDraftMedia;
  /** Fetches an allowed message's media (`fetchInboundMedia` under this directory's `inbound/`). */
  fetchInbound(request: InboundMediaRequest, logger: Logger): Promise<InboundMediaResult>;
  /** The retention sweep: old inbound media and earlier releases' draft media, expired or delivered served files. */
  sweep(
    isDelivered?: (accountId: string, messageSid: string) => Promise<boolean>,
  ): Promise<{ inbound: number; drafts: number; served: number }>;
}

const DAY_MS = 86_400_000;

export function createChannelMedia(options: ChannelMediaOptions): ChannelMedia {
  const inbound = join(options.directory, 'inbound');
  const drafts = join(options.directory, 'drafts');
  const host = createMediaHost({
    directory: join(options.directory, 'outbound'),
    ...(options.linkTtlMs === undefined ? {} : { ttlMs: options.linkTtlMs }),
  });
  const retentionMs = options.retentionMs ?? 7 * DAY_MS;
  return {
    directory: options.directory,
    baseUrl: options.baseUrl,
    host,
    legacyDrafts: createLegacyDraftMedia(drafts),
    fetchInbound: (request, logger) =>
      fetchInboundMedia({
        account: request.account,
        messageSid: request.messageSid,
        media: request.message.media,
        directory: inbound,
        attempt: request.attempt,
        maxAttempts: options.fetchAttempts,
        timeoutMs: options.fetchTimeoutMs,
        signal: request.signal,
        logger,
      }),
    sweep: async (isDelivered) => ({
      inbound: await sweepOldFiles(inbound, retentionMs),
      drafts: await sweepOldFiles(drafts, retentionMs),
      served: await host.sweep(isDelivered),
    }),
  };
}
