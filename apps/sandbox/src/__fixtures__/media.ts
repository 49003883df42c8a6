/** Small, valid media files for tests (kept as data). */

/** A 1x1 red PNG. */
export const PNG = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** A 1x1 transparent GIF. */
export const GIF = new Uint8Array(
  Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'),
);

/** The start of a JPEG (its signature and a JFIF header): enough for the sandbox's content check. */
export const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
  0x00, 0x00, 0xff, 0xd9,
]);

/** A vCard, a type Twilio accepts but does not format. */
export const VCARD = new Uint8Array(Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n'));

/** `size` bytes that start as a PNG: an image of that size, as far as any check can tell. */
export function pngOfSize(size: number): Uint8Array {
  const data = new Uint8Array(size);
  data.set(PNG.subarray(0, Math.min(PNG.length, size)));
  return data;
}
