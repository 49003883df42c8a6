import type { IncomingMessage } from 'node:http';
import { SandboxInputError } from './errors.js';
import type { HandsetMediaFile } from './handset-media.js';
import { readBody } from './http-io.js';
import type { HandsetSms } from './inbound-sms.js';

/** Room for 5 MB of media, base64-encoded in JSON or as multipart parts. */
export const MAX_HANDSET_TEXT_BYTES = 8 * 1024 * 1024;

/**
 * Reads `POST /_sandbox/phones/{handset}/messages`, in either of two forms:
 * - JSON `{ body, to?, mediaUrls?: string[], media?: [{ data: <base64>, contentType?, filename? }] }`;
 * - `multipart/form-data` (what the dev phone's attach button sends): fields `body`, `to`, `mediaUrls`
 *   (repeatable) and files `media` (repeatable).
 *
 * @throws {SandboxInputError} naming the field at fault.
 */
export async function readHandsetText(request: IncomingMessage, handset: string): Promise<HandsetSms> {
  const raw = await readBody(request, MAX_HANDSET_TEXT_BYTES);
  if (raw === null)
    throw new SandboxInputError('body', `the request is over ${MAX_HANDSET_TEXT_BYTES} bytes`);
  const contentType = request.headers['content-type'] ?? '';
  return /^multipart\/form-data/i.test(contentType)
    ? fromMultipart(raw, contentType, handset)
    : fromJson(raw, handset);
}

async function fromMultipart(raw: Buffer, contentType: string, handset: string): Promise<HandsetSms> {
  let form: FormData;
  try {
    // The fetch API's own multipart parser: no hand-written boundary splitting.
    form = await new Request('http://sandbox.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
  } catch (error) {
    throw new SandboxInputError('body', 'is not a readable multipart/form-data body', { cause: error });
  }
  const text = (field: string) => {
    const value = form.get(field);
    if (value !== null && typeof value !== 'string')
      throw new SandboxInputError(field, 'must be a text field');
    return value ?? undefined;
  };
  const mediaUrls = form.getAll('mediaUrls').map((value, index) => {
    if (typeof value !== 'string') throw new SandboxInputError(`mediaUrls[${index}]`, 'must be a URL');
    return value;
  });
  const media: HandsetMediaFile[] = [];
  for (const [index, value] of form.getAll('media').entries()) {
    if (typeof value === 'string') throw new SandboxInputError(`media[${index}]`, 'must be a file');
    media.push({
      data: new Uint8Array(await value.arrayBuffer()),
      ...(value.type ? { contentType: value.type } : {}),
      ...(value.name ? { filename: value.name } : {}),
    });
  }
  const to = text('to');
  return {
    from: handset,
    body: text('body') ?? '',
    ...(to === undefined || to === '' ? {} : { to }),
    ...(mediaUrls.length > 0 ? { mediaUrls } : {}),
    ...(media.length > 0 ? { media } : {}),
  };
}

function fromJson(raw: Buffer, handset: string): HandsetSms {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8') || '{}');
  } catch {
    throw new SandboxInputError('body', 'is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SandboxInputError('body', 'must be a JSON object');
  }
  const body = parsed as Record<string, unknown>;
  if (typeof body.body !== 'string') throw new SandboxInputError('body', 'must be a string');
  if (body.to !== undefined && typeof body.to !== 'string')
    throw new SandboxInputError('to', 'must be a string');
  const mediaUrls = body.mediaUrls;
  if (
    mediaUrls !== undefined &&
    !(Array.isArray(mediaUrls) && mediaUrls.every((url) => typeof url === 'string'))
  ) {
    throw new SandboxInputError('mediaUrls', 'must be an array of URLs');
  }
  const media = body.media === undefined ? undefined : jsonMedia(body.media);
  return {
    from: handset,
    body: body.body,
    ...(body.to === undefined ? {} : { to: body.to }),
    ...(mediaUrls === undefined ? {} : { mediaUrls: mediaUrls as string[] }),
    ...(media === undefined ? {} : { media }),
  };
}

function jsonMedia(value: unknown): HandsetMediaFile[] {
  if (!Array.isArray(value))
    throw new SandboxInputError('media', 'must be an array of { data, contentType?, filename? }');
  return value.map((item: unknown, index) => {
    const field = `media[${index}]`;
    if (typeof item !== 'object' || item === null) throw new SandboxInputError(field, 'must be an object');
    const { data, contentType, filename } = item as Record<string, unknown>;
    if (typeof data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
      throw new SandboxInputError(`${field}.data`, 'must be the bytes in base64');
    }
    if (contentType !== undefined && typeof contentType !== 'string')
      throw new SandboxInputError(`${field}.contentType`, 'must be a string');
    if (filename !== undefined && typeof filename !== 'string')
      throw new SandboxInputError(`${field}.filename`, 'must be a string');
    return {
      data: new Uint8Array(Buffer.from(data, 'base64')),
      ...(contentType === undefined ? {} : { contentType }),
      ...(filename === undefined ? {} : { filename }),
    };
  });
}
