import {
  isMmsMediaType,
  MMS_IMAGE_TYPES,
  MMS_MAX_MEDIA,
  MMS_MAX_OTHER_BYTES,
  MMS_MAX_TOTAL_BYTES,
  MMS_OTHER_TYPES,
  mediaTypeOf,
} from '@sms-channel/twilio-messaging';

/**
 * Twilio's rules for MMS media ("Accepted content types for media" and the `MediaUrl` parameter of Messages):
 * "You can include up to ten `media_url` parameters per message"; "`jpeg`, `jpg`, `gif`, and `png` file types
 * are fully supported by Twilio and content is formatted for delivery on destination devices. The media size
 * limit is 5 MB for supported file types ... and 500 KB for other types of accepted media"; "Messages with over
 * 5MB of media will not be accepted"; "Twilio checks the Content-Type header at the provided MediaUrl ... If the
 * header value does not match the actual media type, Twilio rejects the request".
 */

// The limits and type tables are twilio-messaging's (one copy, which the gateway checks outbound media against);
// the sandbox enforces them as Twilio does.
/** At most this many media per message (more is error 21623). */
export const MAX_MEDIA_PER_MESSAGE = MMS_MAX_MEDIA;
/** A message's media together: at most 5 MB. */
export const MAX_MESSAGE_MEDIA_BYTES = MMS_MAX_TOTAL_BYTES;
/** Each piece of media of a type Twilio does not format (not jpeg/png/gif): at most 500 KB. */
export const MAX_OTHER_MEDIA_BYTES = MMS_MAX_OTHER_BYTES;
/** The image types Twilio fully supports (and would resize): the 5 MB rule. */
export const FULLY_SUPPORTED_TYPES = MMS_IMAGE_TYPES;
/** The other types Twilio accepts for MMS, sent as they are: the 500 KB rule. */
export const ACCEPTED_OTHER_TYPES = MMS_OTHER_TYPES;
export { mediaTypeOf };

/** Whether Twilio takes this media type for an MMS at all. */
export const isAcceptedMediaType = isMmsMediaType;

/**
 * The image type the bytes really are, read from their signature (JPEG, PNG, GIF), or undefined for anything
 * else: how the sandbox tells that a `Content-Type` lies about an image.
 */
export function sniffImageType(data: Uint8Array): 'image/jpeg' | 'image/png' | 'image/gif' | undefined {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => data[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  return undefined;
}

/** Whether a declared image type and the bytes disagree (a `.png` served as `image/jpeg`, HTML as `image/png`). */
export function contradictsContent(type: string, data: Uint8Array): boolean {
  if (!FULLY_SUPPORTED_TYPES.has(type)) return false;
  const declared = type === 'image/jpg' ? 'image/jpeg' : type;
  return sniffImageType(data) !== declared;
}

const TYPES_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  amr: 'audio/amr',
  pdf: 'application/pdf',
  vcf: 'text/vcard',
  ics: 'text/calendar',
  csv: 'text/csv',
  txt: 'text/plain',
};

/** A media type guessed from a file name or URL's extension, for media that came without a `Content-Type`. */
export function guessMediaType(name: string): string | undefined {
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return TYPES_BY_EXTENSION[extension];
}

/** The last path segment of a URL, decoded, as the file name of what it serves; null if it has none. */
export function fileNameOf(url: string): string | null {
  try {
    const segment = new URL(url).pathname.split('/').at(-1) ?? '';
    return segment === '' ? null : decodeURIComponent(segment);
  } catch {
    return null;
  }
}
