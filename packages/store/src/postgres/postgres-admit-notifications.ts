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
  /** The connection with LISTEN in place, if any. */
  let active: Client | undefined;
  /** The connection attempt in progress, if any. */
  let attempt: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelayMs = 100;
  let closed = false;

  function reconnectLater(): void {
    if (closed || retryTimer !== undefined || attempt !== undefined || active !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connectNow();
    }, retryDelayMs);
    retryTimer.unref();
    retryDelayMs = Math.min(retryDelayMs * 2, 5_000);
  }

  function connectNow(): Promise<void> {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    attempt ??= listen().finally(() => {
      attempt = undefined;
      reconnectLater();
    });
    return attempt;
  }

  /** The connection failed or ended (the server restarted, a network cut): drop it and connect again. */
  function lost(client: Client): void {
    if (active === client) active = undefined;
    client.end().catch(() => undefined);
    reconnectLater();
  }

  async function listen(): Promise<void> {
    const client = new pg.Client(config);
    client.on('error', () => lost(client));
    client.on('end', () => lost(client));
    client.on('notification', (message) => {
      if (message.channel !== channel) return;
      const event = parseEvent(message.payload);
      if (event !== undefined) listeners.emit(event);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch {
      // Down for now: admits go on (a webhook must not wait for wake-ups); the next try is scheduled.
      await client.end().catch(() => undefined);
      return;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    active = client;
    retryDelayMs = 100;
  }

  return {
    channel,
    subscribe(listener) {
      const unsubscribe = listeners.subscribe(listener);
      if (active === undefined) void connectNow();
      return unsubscribe;
    },
    async ready() {
      if (listeners.size === 0 || active !== undefined || closed) return;
      // An attempt that began before this call may have met a database that is back by now: when it
      // failed, try once more (a reconnection waiting on its timer is tried at once too).
      await connectNow();
      if (active === undefined && !closed) await connectNow();
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await attempt;
      await active?.end().catch(() => undefined);
      active = undefined;
    },
  };
}
