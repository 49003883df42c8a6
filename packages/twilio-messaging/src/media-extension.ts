import { mediaTypeOf } from './mms-media-rules.js';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'image/heic': 'heic',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'audio/amr': 'amr',
  'audio/aac': 'aac',
  'audio/vnd.wave': 'wav',
  'audio/webm': 'weba',
  'audio/3gpp': '3gp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'video/3gpp': '3gp',
  'video/mpeg': 'mpg',
  'text/vcard': 'vcf',
  'text/x-vcard': 'vcf',
  'text/calendar': 'ics',
  'text/csv': 'csv',
  'text/plain': 'txt',
  'application/pdf': 'pdf',
};

/** The file extension a media type is stored under (`image/jpeg` -> `jpg`); `bin` for a type not listed. */
export function extensionOfMediaType(type: string): string {
  return EXTENSIONS[mediaTypeOf(type)] ?? 'bin';
}

/** The media type a file extension suggests (`photo.JPG` -> `image/jpeg`), for local files sniffing cannot tell. */
export function mediaTypeOfFileName(name: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (extension === undefined) return undefined;
  if (extension === 'jpeg') return 'image/jpeg';
  return Object.entries(EXTENSIONS).find(([, ext]) => ext === extension)?.[0];
}
