import { MmsLimitError } from './twilio-media-error.js';

/**
 * Twilio's rules for MMS media ("Accepted content types for media" and the `MediaUrl` parameter of Messages):
 * "You can include up to ten `media_url` parameters per message"; "`jpeg`, `jpg`, `gif`, and `png` file types
 * are fully supported by Twilio ... The media size limit is 5 MB for supported file types ... and 500 KB for
 * other types of accepted media"; "Messages with over 5MB of media will not be accepted" (the text counts
 * too: "the total size of the message body text and all attachments must be less than 5 MB").
 */

/** At most this many media per message (more is Twilio's error 21623). */
export const MMS_MAX_MEDIA = 10;
/** A message's media and text together: at most 5 MB. */
export const MMS_MAX_TOTAL_BYTES = 5 * 1024 * 1024;
/** Each media of a type Twilio does not format (anything but jpeg, png, gif): at most 500 KB. */
export const MMS_MAX_OTHER_BYTES = 500 * 1024;

/** The image types Twilio fully supports (and resizes for the handset): the 5 MB rule. */
export const MMS_IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/jpg',
  'image/gif',
  'image/png',
]);

/** The other types Twilio accepts for MMS, sent as they are: the 500 KB rule. */
export const MMS_OTHER_TYPES: ReadonlySet<string> = new Set([
  'audio/basic',
  'audio/l24',
  'audio/mp4',
  'audio/mpeg',
  'audio/ogg',
  'audio/vorbis',
  'audio/vnd.rn-realaudio',
  'audio/vnd.wave',
  'audio/3gpp',
  'audio/3gpp2',
  'audio/ac3',
  'audio/webm',
  'audio/amr-nb',
  'audio/amr',
  'audio/aac',
  'video/mpeg',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'video/3gpp',
  'video/3gpp2',
  'video/3gpp-tt',
  'video/h261',
  'video/h263',
  'video/h263-1998',
  'video/h263-2000',
  'video/h264',
  'image/bmp',
  'image/tiff',
  'text/vcard',
  'text/x-vcard',
  'text/csv',
  'text/rtf',
  'text/richtext',
  'text/calendar',
  'text/directory',
  'application/pdf',
  'application/vcard',
  'application/vnd.apple.pkpass',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);

/** The media type of a `Content-Type` header: lower case, without parameters (`image/jpeg`); `''` if none. */
export function mediaTypeOf(header: string | null | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Whether Twilio takes this media type in an MMS at all. */
export function isMmsMediaType(type: string): boolean {
  const bare = mediaTypeOf(type);
  return MMS_IMAGE_TYPES.has(bare) || MMS_OTHER_TYPES.has(bare);
}

/** One media of an outbound MMS, as far as it is known before sending. */
export interface MmsMediaFacts {
  /** What it is called in errors (a URL or a file name). */
  name: string;
  /** `undefined` when not known (a remote URL given without one): Twilio then decides when it fetches it. */
  contentType?: string | undefined;
  /** Bytes; `undefined` when not known (a remote URL). */
  size?: number | undefined;
}

/**
 * Checks an outbound MMS against Twilio's limits before it is sent, so the sender gets a clear error instead of
 * a message that Twilio accepts and then fails (11751, 12300, 21623). What is unknown (the size or type of a
 * remote URL) is left to Twilio. Throws `MmsLimitError` naming the rule and the media that broke it.
 */
export function checkMmsMedia(media: readonly MmsMediaFacts[], bodyBytes = 0): void {
  if (media.length > MMS_MAX_MEDIA) {
    throw new MmsLimitError(
      'too-many-media',
      `${media.length} media: Twilio takes at most ${MMS_MAX_MEDIA} per message`,
    );
  }
  let total = bodyBytes;
  for (const item of media) {
    const type = item.contentType === undefined ? undefined : mediaTypeOf(item.contentType);
    if (type !== undefined && !isMmsMediaType(type)) {
      throw new MmsLimitError(
        'unsupported-type',
        `${item.name} is ${type || 'of no type'}, which Twilio does not accept for MMS`,
      );
    }
    if (item.size === undefined) continue;
    if (type !== undefined && !MMS_IMAGE_TYPES.has(type) && item.size > MMS_MAX_OTHER_BYTES) {
      throw new MmsLimitError(
        'media-too-large',
        `${item.name} (${type}) is ${item.size} bytes: Twilio takes at most ${MMS_MAX_OTHER_BYTES} bytes (500 KB) for types other than jpeg, png and gif`,
      );
    }
    if (item.size > MMS_MAX_TOTAL_BYTES) {
      throw new MmsLimitError(
        'media-too-large',
        `${item.name} is ${item.size} bytes: over the 5 MB Twilio takes per message`,
      );
    }
    total += item.size;
  }
  if (total > MMS_MAX_TOTAL_BYTES) {
    throw new MmsLimitError(
      'message-too-large',
      `the media and text together are ${total} bytes: Twilio takes at most ${MMS_MAX_TOTAL_BYTES} bytes (5 MB) per message`,
    );
  }
}
