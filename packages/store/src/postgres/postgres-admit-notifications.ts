/**
 * `onInboundAdmitted` on PostgreSQL: every admit (by any instance) queues `pg_notify(channel, event)` in its
 * own statement, which the server delivers at commit to every session LISTENing on the channel. This store
 * opens one dedicated connection (outside the pool) for LISTEN when the first listener subscribes, and
 * reconnects it, with a growing pause, when it drops. Notifications sent while it was down are lost: workers
 * keep a slow poll as well.
 */
import { createHash } from 'node:crypto';
import type { Client, ClientConfig } from 'pg';
import { createInboundAdmittedListeners } from '../inbound-admitted-listeners.js';
import type { InboundAdmitted, InboundAdmittedListener } from '../inbound-queue.js';
import type { PgModule } from './load-pg.js';

export interface PostgresAdmitNotifications {
  /** The NOTIFY channel of this schema. */
  readonly channel: string;
  subscribe(listener: InboundAdmittedListener): () => void;
  /** Resolves once LISTEN is in place (at once when nobody subscribed, or when the connection is failing). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** A channel name per schema, of fixed length (channel names are identifiers: at most 63 bytes). */
export function admitChannel(schema: string): string {
  return `sms_channel_admitted_${createHash('sha256').update(schema).digest('hex').slice(0, 24)}`;
}

function parseEvent(payload: string | undefined): InboundAdmitted | undefined {
  try {
    const event = JSON.parse(payload ?? '') as Partial<InboundAdmitted>;
    if (typeof event.accountId !== 'string' || typeof event.messageSid !== 'string') return undefined;
    return { accountId: event.accountId, messageSid: event.messageSid, sender: event.sender ?? null };
  } catch {
    return undefined;
  }
}

export function createPostgresAdmitNotifications(
  pg: PgModule,
  config: ClientConfig,
  schema: string,
): PostgresAdmitNotifications {
  const channel = admitChannel(schema);
  const listeners = createInboundAdmittedListeners();
  let client: Client | undefined;
  let listening: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelayMs = 100;
  let closed = false;

  function reconnectLater(): void {
    if (closed || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      listening = listen();
    }, retryDelayMs);
    retryTimer.unref();
    retryDelayMs = Math.min(retryDelayMs * 2, 5_000);
  }

  async function listen(): Promise<void> {
    const next = new pg.Client(config);
    client = next;
    // An error of this connection only ends it; the 'end' handler reconnects.
    next.on('error', () => undefined);
    next.on('end', () => {
      if (client === next) client = undefined;
      reconnectLater();
    });
    next.on('notification', (message) => {
      if (message.channel !== channel) return;
      const event = parseEvent(message.payload);
      if (event !== undefined) listeners.emit(event);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      retryDelayMs = 100;
      if (closed) await next.end();
    } catch {
      // Down for now: admits go on (a webhook must not wait for wake-ups); 'end' schedules the next try.
      await next.end().catch(() => undefined);
      reconnectLater();
    }
  }

  return {
    channel,
    subscribe(listener) {
      const unsubscribe = listeners.subscribe(listener);
      listening ??= listen();
      return unsubscribe;
    },
    ready: () => listening ?? Promise.resolve(),
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await listening;
      await client?.end().catch(() => undefined);
    },
  };
}
