import { SandboxInputError } from './errors.js';
import { fetchMedia } from './fetch-media.js';
import { httpUrlProblem } from './http-url.js';
import type { MediaInput } from './media-store.js';
import {
  fileNameOf,
  guessMediaType,
  MAX_MEDIA_PER_MESSAGE,
  MAX_MESSAGE_MEDIA_BYTES,
  mediaTypeOf,
  sniffImageType,
} from './media-types.js';
import type { SandboxContext } from './sandbox-context.js';

/** A file a handset attaches to its text. */
export interface HandsetMediaFile {
  data: Uint8Array;
  /**
   * @default guessed from `filename`, else from the bytes (JPEG, PNG, GIF), else `application/octet-stream`
   * (also when given as `application/octet-stream`, what browsers label a file of unknown type)
   */
  contentType?: string;
  filename?: string;
}

/**
 * The media of a handset's MMS, ready to store: its files as given, and its `mediaUrls` fetched (GET, redirects
 * followed, within `mediaFetchTimeoutMs`). A handset sends what its carrier lets through, so the types are not
 * checked against Twilio's outbound list; the sandbox only keeps to 10 media and 5 MB together, and refuses
 * (as input errors naming the field) a URL it cannot fetch.
 */
export async function collectHandsetMedia(
  context: SandboxContext,
  mediaUrls: readonly string[],
  files: readonly HandsetMediaFile[],
): Promise<MediaInput[]> {
  if (mediaUrls.length + files.length > MAX_MEDIA_PER_MESSAGE) {
    throw new SandboxInputError('media', `a text carries at most ${MAX_MEDIA_PER_MESSAGE} media`);
  }
  for (const [index, url] of mediaUrls.entries()) {
    const problem = httpUrlProblem(url);
    if (problem !== undefined) throw new SandboxInputError(`mediaUrls[${index}]`, problem);
  }
  const fetched = await Promise.all(mediaUrls.map((url, index) => fetchHandsetMedia(context, url, index)));
  const attached = files.map((file, index) => fileMedia(file, index));
  const media = [...fetched, ...attached];
  const total = media.reduce((sum, item) => sum + item.data.byteLength, 0);
  if (total > MAX_MESSAGE_MEDIA_BYTES) {
    throw new SandboxInputError('media', `${total} bytes together: over the 5 MB an MMS can carry`);
  }
  return media;
}

async function fetchHandsetMedia(context: SandboxContext, url: string, index: number): Promise<MediaInput> {
  const result = await fetchMedia(url, {
    timeoutMs: context.options.mediaFetchTimeoutMs,
    maxBytes: MAX_MESSAGE_MEDIA_BYTES,
    signal: context.tasks.signal,
  });
  if (!result.ok) throw new SandboxInputError(`mediaUrls[${index}]`, `GET ${url} failed: ${result.reason}`);
  const filename = fileNameOf(url);
  const contentType =
    mediaTypeOf(result.contentType) || guessMediaType(filename ?? '') || typeFromBytes(result.data);
  return { contentType, data: result.data, filename };
}

function fileMedia(file: HandsetMediaFile, index: number): MediaInput {
  if (!(file.data instanceof Uint8Array))
    throw new SandboxInputError(`media[${index}].data`, 'must be bytes');
  if (file.data.byteLength === 0) throw new SandboxInputError(`media[${index}].data`, 'is empty');
  const filename = file.filename ?? null;
  // Browsers and FormData label a file of unknown type application/octet-stream: that says nothing either.
  const declared = mediaTypeOf(file.contentType);
  const contentType =
    (declared === 'application/octet-stream' ? '' : declared) ||
    guessMediaType(filename ?? '') ||
    typeFromBytes(file.data);
  return { contentType, data: file.data, filename };
}

function typeFromBytes(data: Uint8Array): string {
  return sniffImageType(data) ?? 'application/octet-stream';
}
