import { type FetchedMedia, fetchMedia } from './fetch-media.js';
import type { MediaInput } from './media-store.js';
import {
  contradictsContent,
  FULLY_SUPPORTED_TYPES,
  fileNameOf,
  isAcceptedMediaType,
  MAX_MESSAGE_MEDIA_BYTES,
  MAX_OTHER_MEDIA_BYTES,
  mediaTypeOf,
} from './media-types.js';
import type { SandboxContext } from './sandbox-context.js';

/** The Twilio errors that fail an outbound MMS after it was accepted, while its media are fetched. */
export type MediaFailureCode = 11200 | 11751 | 12300;

/** The fetched media of an outbound message, ready to store; or why Twilio fails the message. */
export type OutboundMediaOutcome =
  | { ok: true; media: MediaInput[] }
  | { ok: false; errorCode: MediaFailureCode; url: string; detail: string };

/**
 * Fetches an outbound message's `MediaUrl`s as Twilio does once it accepted the message (GET, redirects
 * followed, within `mediaFetchTimeoutMs`), then applies Twilio's rules, the first broken one (in `MediaUrl`
 * order) failing the whole message:
 * - a URL that answers non-2xx, fails or times out: 11200 "HTTP retrieval failure";
 * - no `Content-Type`, a type Twilio does not accept, or an image type the bytes contradict: 12300 "Invalid
 *   Content-Type";
 * - a non-image media over 500 KB, or all media together over 5 MB: 11751 "Media exceeds messaging provider size
 *   limit".
 */
export async function fetchOutboundMedia(
  context: SandboxContext,
  urls: readonly string[],
): Promise<OutboundMediaOutcome> {
  const fetched = await Promise.all(
    urls.map((url) =>
      fetchMedia(url, {
        timeoutMs: context.options.mediaFetchTimeoutMs,
        maxBytes: MAX_MESSAGE_MEDIA_BYTES,
        signal: context.tasks.signal,
      }),
    ),
  );
  const media: MediaInput[] = [];
  let total = 0;
  for (const [index, result] of fetched.entries()) {
    const url = urls[index] ?? '';
    const checked = check(url, result);
    if (!checked.ok) return checked;
    total += checked.media.data.byteLength;
    if (total > MAX_MESSAGE_MEDIA_BYTES) {
      return failure(11751, url, `the media together are over ${MAX_MESSAGE_MEDIA_BYTES} bytes (5 MB)`);
    }
    media.push(checked.media);
  }
  return { ok: true, media };
}

function check(
  url: string,
  result: FetchedMedia,
): { ok: true; media: MediaInput } | Extract<OutboundMediaOutcome, { ok: false }> {
  if (!result.ok) {
    return result.tooLarge
      ? failure(11751, url, `${url} is over ${MAX_MESSAGE_MEDIA_BYTES} bytes (5 MB)`)
      : failure(11200, url, `GET ${url}: ${result.reason}`);
  }
  const type = mediaTypeOf(result.contentType);
  if (type === '') return failure(12300, url, `${url} was served without a Content-Type`);
  if (!isAcceptedMediaType(type)) {
    return failure(12300, url, `${url} is ${type}, which Twilio does not accept for MMS`);
  }
  if (contradictsContent(type, result.data)) {
    return failure(12300, url, `${url} is served as ${type} but its bytes are not ${type}`);
  }
  if (!FULLY_SUPPORTED_TYPES.has(type) && result.data.byteLength > MAX_OTHER_MEDIA_BYTES) {
    return failure(
      11751,
      url,
      `${url} (${type}) is ${result.data.byteLength} bytes: over the 500 KB Twilio allows for types other than jpeg, png and gif`,
    );
  }
  return { ok: true, media: { contentType: type, data: result.data, filename: fileNameOf(url) } };
}

function failure(
  errorCode: MediaFailureCode,
  url: string,
  detail: string,
): Extract<OutboundMediaOutcome, { ok: false }> {
  return { ok: false, errorCode, url, detail };
}
