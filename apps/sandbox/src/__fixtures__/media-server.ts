import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stopAfterTest } from './fast-sandbox.js';

/** How the media server answers one path. */
export interface MediaAnswer {
  /** @default 200 */
  status?: number;
  /** Omitted: no `Content-Type` header at all. */
  contentType?: string;
  body?: Uint8Array | string;
  /** Redirect (302) to this path of the same server. */
  redirectTo?: string;
  /** Wait this long before answering. */
  delayMs?: number;
}

/** A request the media server got. */
export interface MediaRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

/** A web server standing in for wherever an app keeps the media it sends (or a handset's pictures). */
export interface MediaServer {
  url: string;
  requests: MediaRequest[];
  close(): Promise<void>;
}

/** Serves `files` by path (anything else is 404), recording every request; closed after the current test. */
export async function startTestMediaServer(files: Record<string, MediaAnswer>): Promise<MediaServer> {
  const requests: MediaRequest[] = [];
  const server = createServer(async (request, response) => {
    const path = request.url ?? '/';
    requests.push({ method: request.method ?? 'GET', path, headers: request.headers });
    const plan = files[path];
    if (!plan) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    if (plan.delayMs) await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
    if (response.destroyed) return;
    if (plan.redirectTo) {
      response.writeHead(302, { location: plan.redirectTo });
      response.end();
      return;
    }
    const body = typeof plan.body === 'string' ? Buffer.from(plan.body) : Buffer.from(plan.body ?? []);
    response.writeHead(plan.status ?? 200, {
      'content-length': String(body.byteLength),
      ...(plan.contentType === undefined ? {} : { 'content-type': plan.contentType }),
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const media: MediaServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  stopAfterTest(media);
  return media;
}
