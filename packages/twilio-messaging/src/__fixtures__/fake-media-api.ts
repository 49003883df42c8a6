import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Twilio's media wire in miniature, for this package's tests: an "API" on 127.0.0.1 whose Media URLs need
 * Basic auth and answer 307 to a "CDN" on another loopback host (127.0.0.2, another origin), which serves the
 * bytes and records every request's headers, so a test can prove the credentials never reached it.
 */
export interface FakeMediaApi {
  apiUrl: string;
  cdnUrl: string;
  accountSid: string;
  authToken: string;
  messageSid: string;
  /** The Media URL of `mediaSid` under the fake API. */
  mediaUrl(mediaSid: string): string;
  /** What the CDN serves for a media: its bytes and `Content-Type`, or an HTTP status, or a connection drop. */
  serve(mediaSid: string, answer: CdnAnswer): void;
  /** The API answers this instead of a redirect (a 429, a redirect elsewhere...). */
  apiAnswer(mediaSid: string, answer: { status: number; headers?: Record<string, string> }): void;
  apiRequests: { path: string; headers: IncomingHttpHeaders }[];
  cdnRequests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export type CdnAnswer =
  | { kind: 'bytes'; data: Uint8Array; contentType?: string; chunked?: boolean; declaredLength?: number }
  | { kind: 'status'; status: number }
  | { kind: 'hang' };

export const MEDIA_ACCOUNT_SID = `AC${'a'.repeat(32)}`;
export const MEDIA_AUTH_TOKEN = 'b'.repeat(32);
export const MEDIA_MESSAGE_SID = `MM${'c'.repeat(32)}`;

export function mediaSid(n: number): string {
  return `ME${String(n).padStart(32, '0')}`;
}

function listen(server: Server, host: string): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`));
  });
}

function write(res: ServerResponse, answer: CdnAnswer): void {
  if (answer.kind === 'hang') return;
  if (answer.kind === 'status') {
    res.writeHead(answer.status, { 'content-type': 'application/xml' }).end('<Error/>');
    return;
  }
  const headers: Record<string, string> = {};
  if (answer.contentType !== undefined) headers['content-type'] = answer.contentType;
  if (answer.declaredLength !== undefined) headers['content-length'] = String(answer.declaredLength);
  else if (answer.chunked !== true) headers['content-length'] = String(answer.data.byteLength);
  res.writeHead(200, headers);
  // In slices, as a network would deliver a large file.
  const slice = 64 * 1024;
  for (let offset = 0; offset < answer.data.byteLength; offset += slice) {
    res.write(answer.data.subarray(offset, offset + slice));
  }
  res.end();
}

export async function startFakeMediaApi(): Promise<FakeMediaApi> {
  const served = new Map<string, CdnAnswer>();
  const apiAnswers = new Map<string, { status: number; headers?: Record<string, string> }>();
  const apiRequests: FakeMediaApi['apiRequests'] = [];
  const cdnRequests: FakeMediaApi['cdnRequests'] = [];
  const expected = `Basic ${Buffer.from(`${MEDIA_ACCOUNT_SID}:${MEDIA_AUTH_TOKEN}`).toString('base64')}`;
  let cdnUrl = '';
  const cdn = createServer((req, res) => {
    const path = req.url ?? '/';
    cdnRequests.push({ path, headers: { ...req.headers } });
    const answer = served.get(path.slice(1));
    if (answer === undefined) res.writeHead(404).end();
    else write(res, answer);
  });
  const api = createServer((req, res) => {
    const path = req.url ?? '/';
    apiRequests.push({ path, headers: { ...req.headers } });
    const sid = path.split('/').at(-1) ?? '';
    const override = apiAnswers.get(sid);
    if (override !== undefined) {
      res.writeHead(override.status, override.headers ?? {}).end();
      return;
    }
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="Twilio API"' }).end();
      return;
    }
    res.writeHead(307, { location: `${cdnUrl}/${sid}` }).end();
  });
  const apiUrl = await listen(api, '127.0.0.1');
  cdnUrl = await listen(cdn, '127.0.0.2');
  return {
    apiUrl,
    cdnUrl,
    accountSid: MEDIA_ACCOUNT_SID,
    authToken: MEDIA_AUTH_TOKEN,
    messageSid: MEDIA_MESSAGE_SID,
    mediaUrl: (sid) =>
      `${apiUrl}/2010-04-01/Accounts/${MEDIA_ACCOUNT_SID}/Messages/${MEDIA_MESSAGE_SID}/Media/${sid}`,
    serve: (sid, answer) => served.set(sid, answer),
    apiAnswer: (sid, answer) => apiAnswers.set(sid, answer),
    apiRequests,
    cdnRequests,
    close: async () => {
      for (const server of [api, cdn]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

/** A real (tiny) PNG: signature and IHDR, enough for any sniffer. */
export function pngBytes(size = 64): Uint8Array {
  const header = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0,
    1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  ]);
  return Buffer.concat([header, Buffer.alloc(Math.max(0, size - header.length))]);
}

/** The start of a JPEG (SOI + JFIF APP0). */
export function jpegBytes(size = 64): Uint8Array {
  const header = Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
  ]);
  return Buffer.concat([header, Buffer.alloc(Math.max(0, size - header.length))]);
}
