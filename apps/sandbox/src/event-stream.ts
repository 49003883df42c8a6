import type { ServerResponse } from 'node:http';
import type { EventBus } from './sandbox-event.js';

/** A comment line every 15 s keeps proxies and browsers from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

/**
 * Streams sandbox events as server-sent events (`event: <type>` + `data: <json>`), the feed of the dev phone
 * page; the stream ends when the client goes away or the sandbox stops.
 */
export function openEventStream(response: ServerResponse, events: EventBus): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  // Reconnect quickly after a sandbox restart.
  response.write('retry: 1000\n\n');
  const unsubscribe = events.subscribe((event) => {
    response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  response.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
