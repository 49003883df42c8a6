import { mediaTypeOf } from './mms-media-rules.js';

type FileTypeModule = typeof import('file-type');
let loading: Promise<FileTypeModule> | undefined;

/** `file-type` is ESM-only and only needed once media arrive: loaded on first use (both builds can `import()`). */
function loadFileType(): Promise<FileTypeModule> {
  loading ??= import('file-type');
  return loading;
}

/** How many leading bytes `sniffMediaType` needs (file-type's own detection window). */
export const SNIFF_BYTES = 4100;

/** The media type the bytes are, read from their signature (`image/png`...), or `undefined` when unknown. */
export async function sniffMediaType(head: Uint8Array): Promise<string | undefined> {
  const { fileTypeFromBuffer } = await loadFileType();
  return (await fileTypeFromBuffer(head))?.mime;
}

/** Types that are one type under two names. */
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/x-wav': 'audio/vnd.wave',
  'audio/wav': 'audio/vnd.wave',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'text/x-vcard': 'text/vcard',
};

function canonical(type: string): string {
  return ALIASES[type] ?? type;
}

/** What a media is, once its declared type was held against its bytes. */
export type ContentTypeVerdict =
  | { ok: true; contentType: string }
  | { ok: false; declared: string; sniffed: string | undefined };

/**
 * Holds a declared type against the sniffed one. The bytes win where they can tell: an image must really be
 * that image (an "image/png" that is HTML, or a JPEG, is refused: a vision model or a handset would get
 * something else than announced), and bytes that are an image must not pass as another type. Text formats
 * (vCard, CSV...) have no signature: an undetected non-image keeps its declared type. Undeclared media take the
 * sniffed type, else `application/octet-stream`.
 */
export function judgeContentType(
  declaredHeader: string | undefined,
  sniffed: string | undefined,
): ContentTypeVerdict {
  const declared = canonical(mediaTypeOf(declaredHeader));
  const found = sniffed === undefined ? undefined : canonical(sniffed);
  if (declared === '') return { ok: true, contentType: found ?? 'application/octet-stream' };
  if (found === declared) return { ok: true, contentType: declared };
  const imageInvolved = declared.startsWith('image/') || found?.startsWith('image/') === true;
  if (imageInvolved) return { ok: false, declared, sniffed: found };
  // Containers with several names (an mp4 that is audio only, 3gpp audio/video): the declared one stands.
  return { ok: true, contentType: declared };
}
