import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentMedia, ReplyMedia } from '@sms-channel/channel-runtime';
import type { HostMediaFact } from './host-types.js';

/** The host's kind of a media type (what it shows as `<media:image>` and routes to vision, audio...). */
function kindOf(contentType: string): HostMediaFact['kind'] {
  if (contentType.startsWith('image/')) return 'image';
  if (contentType.startsWith('audio/')) return 'audio';
  if (contentType.startsWith('video/')) return 'video';
  return 'document';
}

/**
 * The attachments of a turn as the host's media facts: the files the runtime fetched, by path (the Twilio URL
 * needs the account's credentials, so the host is not given it to fetch again).
 */
export function toHostMediaFacts(media: readonly AgentMedia[], messageId: string): HostMediaFact[] {
  return media.map((item) => ({
    path: item.path,
    contentType: item.contentType,
    kind: kindOf(item.contentType),
    sizeBytes: item.size,
    messageId,
  }));
}

/**
 * The text the host's turn carries for a message of media alone: the host's own placeholder form
 * (`<media:image>`, `<media:image> (2 images)`), so the turn is not an empty message.
 */
export function mediaPlaceholder(media: readonly AgentMedia[]): string {
  if (media.length === 0) return '';
  const kinds = media.map((item) => kindOf(item.contentType));
  const first = kinds[0] ?? 'document';
  const kind = kinds.every((entry) => entry === first) ? first : 'document';
  if (media.length === 1) return `<media:${kind}>`;
  const plural = { image: 'images', audio: 'audio files', video: 'videos', document: 'files' }[kind];
  return `<media:${kind}> (${media.length} ${plural})`;
}

/**
 * A media the host hands over (a reply payload's `mediaUrl(s)`, `sendMedia`'s `mediaUrl`) as the runtime's
 * reply media: an http(s) URL passes through to Twilio, a local path (or `file:` URL) is served to Twilio by the
 * plugin's media route. Anything else (a host-internal `media://` id) is refused by name.
 */
export function toReplyMedia(source: string): ReplyMedia {
  if (/^https?:\/\//i.test(source)) return { url: source };
  if (source.startsWith('file:')) return { path: fileURLToPath(source) };
  if (isAbsolute(source)) return { path: source };
  throw new TypeError(`media ${source} is neither an http(s) URL nor an absolute file path`);
}
